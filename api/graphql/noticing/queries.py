"""Queries of the noticing context."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.graphql.context import Info
from api.graphql.noticing.types import DifficultDate
from api.graphql.pagination import Connection, connection, decode_cursor, page_size
from api.graphql.permissions import IsMember
from domain.noticing.difficult_dates import my_difficult_dates


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


@strawberry.type
class NoticingQueries:
    my_difficult_dates: Connection[DifficultDate] = strawberry.field(
        resolver=resolve_my_difficult_dates,
        description="The signed-in member's difficult dates through the year, January first. Only they see them.",
        permission_classes=[IsMember],
    )
