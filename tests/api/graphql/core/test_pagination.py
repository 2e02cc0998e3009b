"""Cursors are opaque, round-trip exactly, and a forged one is a typed error."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from api.graphql.core.pagination import InvalidPageRequestError, decode_cursor, encode_cursor, page_size
from schemas.pagination import Keyset


@pytest.mark.parametrize("value", [datetime(2026, 3, 29, 1, 30, 0, 123000, tzinfo=UTC), "name", 42])
def test_a_cursor_round_trips(value: datetime | str | int) -> None:
    assert decode_cursor(encode_cursor(value, "id-1")) == Keyset(value=value, id="id-1")


@pytest.mark.parametrize("cursor", ["", "not-base64!", "WzEsMiwzXQ", encode_cursor("x", "y")[:-3]])
def test_a_cursor_we_did_not_make_is_refused(cursor: str) -> None:
    with pytest.raises(InvalidPageRequestError) as refused:
        decode_cursor(cursor)
    assert refused.value.extensions == {"code": "BAD_USER_INPUT"}


@pytest.mark.parametrize(("first", "size"), [(None, 20), (1, 1), (100, 100)])
def test_page_sizes_within_the_limit(first: int | None, size: int) -> None:
    assert page_size(first, limit=100) == size


@pytest.mark.parametrize("first", [0, -1, 101, 10_000])
def test_page_sizes_outside_the_limit_are_refused(first: int) -> None:
    with pytest.raises(InvalidPageRequestError):
        page_size(first, limit=100)
