"""Mutations of the members context, one file each."""

from __future__ import annotations

import strawberry

from api.graphql.core.permissions import IsAuthenticated, IsMember
from api.graphql.members.mutations.member_onboard import member_onboard
from api.graphql.members.mutations.member_update import member_update


@strawberry.type
class MemberMutations:
    member_onboard = strawberry.mutation(
        resolver=member_onboard,
        description="Create the signed-in user's member profile. Once per Firebase user.",
        permission_classes=[IsAuthenticated],
    )
    member_update = strawberry.mutation(
        resolver=member_update,
        description="Change the signed-in member's profile. The date of birth cannot change.",
        permission_classes=[IsMember],
    )
