"""Mutations of crisis support, one file each."""

from __future__ import annotations

import strawberry

from api.graphql.core.permissions import IsMember
from api.graphql.crisis.mutations.follow_up_answer import follow_up_answer


@strawberry.type
class CrisisMutations:
    follow_up_answer = strawberry.mutation(
        resolver=follow_up_answer,
        description="Answer the private question asked 48 hours after high-risk support was shown: how the member "
        "is and whether they reached someone. Once per question.",
        permission_classes=[IsMember],
    )
