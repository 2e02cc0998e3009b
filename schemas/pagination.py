"""Keyset pagination's values, shared by every layer: where a page ended and what a page holds.
Keyset over (sort field, _id) is stable under inserts, and each page costs one indexed query
however deep it is (no skip); the MongoDB filters live in infra/mongo/pagination.py, the
opaque cursors in api/graphql/core/pagination.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

T = TypeVar("T")

SortValue = datetime | str | int


@dataclass(frozen=True)
class Keyset:
    """Where the previous page ended: its last item's sort value and id."""

    value: SortValue
    id: str


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    has_next: bool


def page_of(items: list[T], first: int) -> Page[T]:
    """Repositories fetch `first + 1` items; the extra one only says there is more."""
    return Page(items=items[:first], has_next=len(items) > first)
