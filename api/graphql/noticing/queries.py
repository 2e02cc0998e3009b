"""Queries of the noticing context."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import access_denials
from api.graphql.core.pagination import Connection, connection, decode_cursor, page_size
from api.graphql.core.permissions import IsMember
from api.graphql.groups.access import group_viewer
from api.graphql.noticing.types import DifficultDate, QuietMember
from domain.noticing import my_difficult_dates, quiet_members


async def resolve_my_difficult_dates(
    info: Info,
    first: Annotated[int | None, strawberry.argument(description="Page size, 1 to 100 (default 20).")] = None,
    after: Annotated[str | None, strawberry.argument(description="`pageInfo.endCursor` of the previous page.")] = None,
) -> Connection[DifficultDate]:
    context = info.context
    member = await context.require_member()
    size = page_size(first, limit=context.runtime.settings.graphql.max_page_size)
    page = await my_difficult_dates(repos=context.repos, member=member, first=size, after=decode_cursor(after))
    return connection(page, node=DifficultDate.from_document, keyset=lambda item: (item.month_day, item.id))


async def resolve_quiet_members(
    info: Info,
    group_id: Annotated[strawberry.ID, strawberry.argument(description="One of the groups the viewer leads.")],
    first: Annotated[int | None, strawberry.argument(description="Page size, 1 to 100 (default 20).")] = None,
    after: Annotated[str | None, strawberry.argument(description="`pageInfo.endCursor` of the previous page.")] = None,
) -> Connection[QuietMember]:
    context = info.context
    viewer = await group_viewer(info)
    size = page_size(first, limit=context.runtime.settings.graphql.max_page_size)
    with access_denials():
        page = await quiet_members(
            repos=context.repos, viewer=viewer, group_id=group_id, after=decode_cursor(after), first=size
        )
    return connection(
        page,
        node=QuietMember.from_quiet,
        keyset=lambda item: (item.membership.quiet.since if item.membership.quiet else item.since.isoformat(),
                             item.membership.id),
    )  # fmt: skip


@strawberry.type
class NoticingQueries:
    my_difficult_dates: Connection[DifficultDate] = strawberry.field(
        resolver=resolve_my_difficult_dates,
        description="The signed-in member's difficult dates through the year, January first. Only they see them.",
        permission_classes=[IsMember],
    )
    quiet_members: Connection[QuietMember] = strawberry.field(
        resolver=resolve_quiet_members,
        description="A group's members who have gone quiet for 3 days or more and let their leads know, quiet "
        "longest first. Leads and co-leads only; never anything about moods.",
        permission_classes=[IsMember],
    )
