"""Mutations of the accounts context, one file each."""

from __future__ import annotations

import strawberry

from api.graphql.accounts.mutations.account_delete import account_delete
from api.graphql.accounts.mutations.account_restore import account_restore
from api.graphql.accounts.mutations.data_export_request import data_export_request
from api.graphql.core.permissions import IsAuthenticated, IsMember
from api.graphql.execution.rate_limits import Bucket, RateLimited


@strawberry.type
class AccountMutations:
    data_export_request = strawberry.mutation(
        resolver=data_export_request,
        description="Start a copy of everything the service holds about the signed-in member (one at a time).",
        permission_classes=[IsMember],
        extensions=[RateLimited(Bucket.SENSITIVE)],
    )
    account_delete = strawberry.mutation(
        resolver=account_delete,
        description=(
            "Delete the signed-in member's account: hidden and signed out now, deleted after the grace period "
            "(21 days)."
        ),
        permission_classes=[IsMember],
        extensions=[RateLimited(Bucket.SENSITIVE)],
    )
    account_restore = strawberry.mutation(
        resolver=account_restore,
        description="Cancel a pending account deletion, during its grace period, after signing in again.",
        permission_classes=[IsAuthenticated],
        extensions=[RateLimited(Bucket.SENSITIVE)],
    )
