"""Keyset pagination over (sort field, _id): stable under inserts, and each page
costs one indexed query however deep it is (no skip).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

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


def after_filter(field: str, after: Keyset | None, *, descending: bool) -> dict[str, Any]:
    """The filter for items strictly after `after` in (field, _id) order."""
    if after is None:
        return {}
    beyond = "$lt" if descending else "$gt"
    return {"$or": [{field: {beyond: after.value}}, {field: after.value, "_id": {beyond: after.id}}]}


def sort_spec(field: str, *, descending: bool) -> list[tuple[str, int]]:
    direction = -1 if descending else 1
    return [(field, direction), ("_id", direction)]


def page_of(items: list[T], first: int) -> Page[T]:
    """Repositories fetch `first + 1` items; the extra one only says there is more."""
    return Page(items=items[:first], has_next=len(items) > first)
