"""Queries of shared down days: a group's feed and one share with its responses."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import access_denials
from api.graphql.core.pagination import Connection, connection, decode_cursor, page_size
from api.graphql.core.permissions import IsMember
from api.graphql.shares.access import request_context
from api.graphql.shares.types import After, PageSize, Share, share_of
from domain.shares import get_share, group_feed


async def resolve_group_feed(
    info: Info,
    group_id: Annotated[strawberry.ID, strawberry.argument(description="The group's id.")],
    first: PageSize = None,
    after: After = None,
) -> Connection[Share]:
    ctx = await request_context(info)
    size = page_size(first, limit=info.context.runtime.settings.graphql.max_page_size)
    with access_denials():
        page = await group_feed(
            repos=info.context.repos, reader=ctx.reader, group_id=group_id, after=decode_cursor(after), first=size
        )
    return connection(
        page, node=lambda seen: share_of(seen, ctx), keyset=lambda seen: (seen.item.created_minute, seen.item.id)
    )


async def resolve_share(
    info: Info, share_id: Annotated[strawberry.ID, strawberry.argument(name="id", description="The share's id.")]
) -> Share:
    ctx = await request_context(info)
    with access_denials():
        seen = await get_share(repos=info.context.repos, reader=ctx.reader, share_id=share_id)
    return share_of(seen, ctx)


@strawberry.type
class ShareQueries:
    group_feed: Connection[Share] = strawberry.field(
        resolver=resolve_group_feed,
        description="A group's shares, newest first (by minute; in random order within a minute). Members only.",
        permission_classes=[IsMember],
    )
    share: Share = strawberry.field(
        resolver=resolve_share,
        description="One share with its responses. Another group's, or one the viewer may not see, is NOT_FOUND.",
        permission_classes=[IsMember],
    )
