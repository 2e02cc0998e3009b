"""Queries of the members context."""

from __future__ import annotations

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.permissions import IsAuthenticated
from api.graphql.members.types import Member


async def resolve_me(info: Info) -> Member | None:
    member = await info.context.member()
    if member is None:
        return None
    return Member.from_document(member, today=info.context.clock.now().date())


@strawberry.type
class MemberQueries:
    me: Member | None = strawberry.field(
        resolver=resolve_me,
        description="The signed-in member's profile; null until they have onboarded.",
        permission_classes=[IsAuthenticated],
    )
