"""Mutations of the noticing context, one file each."""

from __future__ import annotations

import strawberry

from api.graphql.core.permissions import IsMember
from api.graphql.execution.rate_limits import Bucket, RateLimited
from api.graphql.noticing.mutations.difficult_date_add import difficult_date_add
from api.graphql.noticing.mutations.difficult_date_remove import difficult_date_remove
from api.graphql.noticing.mutations.support_request import support_request


@strawberry.type
class NoticingMutations:
    difficult_date_add = strawberry.mutation(
        resolver=difficult_date_add,
        description="Name a day that may be hard (up to 20): a gentle check-in at 09:00 that day, and, if chosen, "
        "a heads-up to the member's leads the evening before.",
        permission_classes=[IsMember],
    )
    difficult_date_remove = strawberry.mutation(
        resolver=difficult_date_remove,
        description="Remove one of the signed-in member's difficult dates.",
        permission_classes=[IsMember],
    )
    support_request = strawberry.mutation(
        resolver=support_request,
        description="Tell one of the member's groups' leads \"I'm having a hard time and would welcome a message\" "
        "(once a day per group): the only way anything about how a member feels reaches a lead.",
        permission_classes=[IsMember],
        extensions=[RateLimited(Bucket.SENSITIVE)],
    )
