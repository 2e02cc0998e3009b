"""Lists are keyset-paginated connections: `first` (1 to the page limit) and an
opaque `after` cursor; each page returns its nodes and where it ended.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from datetime import datetime
from typing import Generic, TypeVar

import strawberry

from api.graphql.core.errors import PublicError
from schemas.pagination import Keyset, Page, SortValue

NodeT = TypeVar("NodeT")
ItemT = TypeVar("ItemT")

DEFAULT_PAGE_SIZE = 20
_DECODERS: dict[str, Callable[[str], SortValue]] = {"dt": datetime.fromisoformat, "str": str, "int": int}


class InvalidPageRequestError(PublicError):
    code = "BAD_USER_INPUT"


@strawberry.type(description="Where this page ended, to ask for the next one.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="Whether more items follow this page.")
    end_cursor: str | None = strawberry.field(description="Pass as `after` to get the next page; null when empty.")


@strawberry.type(description="One page of a list, newest or first items first as the field says.")
class Connection(Generic[NodeT]):
    nodes: list[NodeT] = strawberry.field(description="The items of this page.")
    page_info: PageInfo = strawberry.field(description="Where this page ended.")


def page_size(first: int | None, *, limit: int) -> int:
    """`first`, checked against the configured limit (at most 100)."""
    size = DEFAULT_PAGE_SIZE if first is None else first
    if not 1 <= size <= limit:
        raise InvalidPageRequestError(f"`first` must be between 1 and {limit}.")
    return size


def encode_cursor(value: SortValue, item_id: str) -> str:
    kind = "dt" if isinstance(value, datetime) else type(value).__name__
    raw = value.isoformat() if isinstance(value, datetime) else value
    return base64.urlsafe_b64encode(json.dumps([kind, raw, item_id]).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> Keyset | None:
    """The keyset in an `after` cursor; a cursor we did not make is a typed error."""
    if cursor is None:
        return None
    try:
        kind, raw, item_id = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        value = _DECODERS[kind](raw)
    except (ValueError, TypeError, KeyError, binascii.Error, json.JSONDecodeError):
        raise InvalidPageRequestError("`after` is not a cursor from this list.") from None
    if not isinstance(item_id, str):
        raise InvalidPageRequestError("`after` is not a cursor from this list.")
    return Keyset(value=value, id=item_id)


def connection(
    page: Page[ItemT], *, node: Callable[[ItemT], NodeT], keyset: Callable[[ItemT], tuple[SortValue, str]]
) -> Connection[NodeT]:
    """Build the GraphQL page from a repository page; `keyset` gives an item's (sort value, id)."""
    end = encode_cursor(*keyset(page.items[-1])) if page.items else None
    return Connection(
        nodes=[node(item) for item in page.items], page_info=PageInfo(has_next_page=page.has_next, end_cursor=end)
    )
