"""Mutations of the check-ins context, one file each."""

from __future__ import annotations

import strawberry

from api.graphql.checkins.mutations.check_in_submit import check_in_submit
from api.graphql.core.permissions import IsMember
from api.graphql.execution.rate_limits import Bucket, RateLimited


@strawberry.type
class CheckInMutations:
    check_in_submit = strawberry.mutation(
        resolver=check_in_submit,
        description="Record how the member is (once per idempotency key). A low mood or worrying words bring "
        "kind words and the member's helplines in the same response.",
        permission_classes=[IsMember],
        # Member content that can raise safeguarding alerts; the bucket lets it through when Redis is down.
        extensions=[RateLimited(Bucket.SENSITIVE)],
    )
