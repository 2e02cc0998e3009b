"""Keyset pagination in MongoDB: the filter and sort over (sort field, _id) that make each page one
indexed query (the values themselves are in schemas/pagination.py).
"""

from __future__ import annotations

from typing import Any

from schemas.pagination import Keyset


def after_filter(field: str, after: Keyset | None, *, descending: bool) -> dict[str, Any]:
    """The filter for items strictly after `after` in (field, _id) order."""
    if after is None:
        return {}
    beyond = "$lt" if descending else "$gt"
    return {"$or": [{field: {beyond: after.value}}, {field: after.value, "_id": {beyond: after.id}}]}


def sort_spec(field: str, *, descending: bool) -> list[tuple[str, int]]:
    direction = -1 if descending else 1
    return [(field, direction), ("_id", direction)]
