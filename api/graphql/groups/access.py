"""The viewer the groups domain needs, from the request's member and identity."""

from __future__ import annotations

from api.graphql.core.context import Info
from domain.groups import Viewer


async def group_viewer(info: Info) -> Viewer:
    """The signed-in member, with their staff scope and today's age."""
    context = info.context
    member = await context.require_member()
    return Viewer.of(member, context.require_identity(), now=context.clock.now())
