"""Queries of moderation: a group's shared queue."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import access_denials
from api.graphql.core.pagination import Connection, connection, decode_cursor, page_size
from api.graphql.core.permissions import IsMember
from api.graphql.moderation.types import Report
from api.graphql.shares.access import request_context
from api.graphql.shares.types import After, PageSize
from domain.moderation import moderation_queue


async def resolve_moderation_queue(
    info: Info,
    group_id: Annotated[strawberry.ID, strawberry.argument(description="The group.")],
    first: PageSize = None,
    after: After = None,
) -> Connection[Report]:
    ctx = await request_context(info)
    size = page_size(first, limit=info.context.runtime.settings.graphql.max_page_size)
    with access_denials():
        page = await moderation_queue(
            repos=info.context.repos, reader=ctx.reader, group_id=group_id, after=decode_cursor(after), first=size
        )
    return connection(
        page,
        node=lambda item: Report.from_item(item, ctx),
        keyset=lambda item: (item.report.created_minute, item.report.id),
    )


@strawberry.type
class ModerationQueries:
    moderation_queue: Connection[Report] = strawberry.field(
        resolver=resolve_moderation_queue,
        description="Reports waiting in a group, oldest first: one queue shared by its leads and co-leads, "
        "and open to safeguarding staff. Who reported is never shown.",
        permission_classes=[IsMember],
    )
