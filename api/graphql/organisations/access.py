"""The roles the signed-in person holds in organisations, read from the store on each call."""

from __future__ import annotations

from api.graphql.core.context import Info
from domain.identity import Scope
from domain.organisations import Staffing, staffing_of


async def org_staffing(info: Info) -> Staffing:
    """Their organisation roles now, and whether they are a platform admin (the `admin` claim)."""
    context = info.context
    member = await context.require_member()
    admin = Scope.ADMIN in context.require_identity().scopes
    return await staffing_of(repos=context.repos, member_id=member.id, platform_admin=admin)
