"""Mutations for safeguarding staff, one file each."""

from __future__ import annotations

import strawberry

from api.graphql.core.permissions import IsMember, IsSafeguarding
from api.graphql.execution.rate_limits import Bucket, RateLimited
from api.graphql.safeguarding.mutations.alert_acknowledge import alert_acknowledge
from api.graphql.safeguarding.mutations.alert_resolve import alert_resolve
from api.graphql.safeguarding.mutations.author_reveal_approve import author_reveal_approve
from api.graphql.safeguarding.mutations.author_reveal_request import author_reveal_request


@strawberry.type
class SafeguardingMutations:
    alert_acknowledge = strawberry.mutation(
        resolver=alert_acknowledge,
        description="Take an open alert. Safeguarding staff only.",
        permission_classes=[IsMember, IsSafeguarding],
    )
    alert_resolve = strawberry.mutation(
        resolver=alert_resolve,
        description="Resolve an alert with a note of what was done. Safeguarding staff only.",
        permission_classes=[IsMember, IsSafeguarding],
    )
    author_reveal_request = strawberry.mutation(
        resolver=author_reveal_request,
        description="Break-glass, step one: ask who wrote a share or response, for risk to life or a legal duty. "
        "Safeguarding staff only; audited.",
        permission_classes=[IsMember, IsSafeguarding],
        extensions=[RateLimited(Bucket.SENSITIVE)],
    )
    author_reveal_approve = strawberry.mutation(
        resolver=author_reveal_approve,
        description="Break-glass, step two: approve another staff member's request; the author's member id is "
        "returned here, to the approver alone. Safeguarding staff only; audited.",
        permission_classes=[IsMember, IsSafeguarding],
        extensions=[RateLimited(Bucket.SENSITIVE)],
    )
