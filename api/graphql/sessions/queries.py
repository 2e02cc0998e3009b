"""Queries of the sessions context."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import access_denials
from api.graphql.core.permissions import IsMember
from api.graphql.groups.access import group_viewer
from api.graphql.sessions.types import Session, SessionDetails, Venue
from domain.sessions import group_sessions, group_venues, session_detail

GroupId = Annotated[strawberry.ID, strawberry.argument(description="The group's id.")]


async def resolve_group_sessions(
    info: Info,
    group_id: GroupId,
    first: Annotated[int, strawberry.argument(description="How many (1 to 50).")] = 20,
    include_cancelled: Annotated[bool, strawberry.argument(description="Also cancelled ones, marked so.")] = False,
) -> list[Session]:
    context = info.context
    with access_denials():
        views = await group_sessions(
            repos=context.repos, viewer=await group_viewer(info), group_id=group_id, first=max(1, first),
            include_cancelled=include_cancelled, now=context.clock.now(),
        )  # fmt: skip
    return [Session.from_view(view) for view in views]


async def resolve_session(
    info: Info, session_id: Annotated[strawberry.ID, strawberry.argument(name="id", description="The session.")]
) -> SessionDetails:
    context = info.context
    with access_denials():
        detail = await session_detail(
            repos=context.repos, viewer=await group_viewer(info), session_id=session_id, now=context.clock.now()
        )
    return SessionDetails.from_detail(detail)


async def resolve_venues(info: Info, group_id: GroupId) -> list[Venue]:
    with access_denials():
        venues = await group_venues(repos=info.context.repos, viewer=await group_viewer(info), group_id=group_id)
    return [Venue.from_document(venue) for venue in venues]


@strawberry.type
class SessionQueries:
    group_sessions: list[Session] = strawberry.field(
        resolver=resolve_group_sessions,
        description="A group's coming sessions (and yesterday's), soonest first, for anyone who may see the group.",
        permission_classes=[IsMember],
    )
    session: SessionDetails = strawberry.field(
        resolver=resolve_session,
        description="One session: counts for all who may see it, names for its leads, the register for leads "
        "and staff.",
        permission_classes=[IsMember],
    )
    venues: list[Venue] = strawberry.field(
        resolver=resolve_venues,
        description="A group's venues (a youth group's: members and staff only).",
        permission_classes=[IsMember],
    )
