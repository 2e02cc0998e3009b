"""Keyset pages over a real collection: every item once, in order, ties broken by id."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from infra.mongo.client import Database
from infra.mongo.pagination import after_filter, sort_spec
from schemas.pagination import Keyset, page_of


@pytest.mark.parametrize("descending", [True, False])
async def test_pages_visit_every_item_once_in_order(db: Database, descending: bool) -> None:
    collection = db[f"pagination_{uuid.uuid4().hex[:8]}"]
    base = datetime(2026, 1, 1, tzinfo=UTC)
    # Groups of three share a timestamp, so the id has to break ties.
    docs = [{"_id": f"id-{i:02d}", "at": base + timedelta(minutes=i // 3)} for i in range(25)]
    await collection.insert_many(docs)
    expected = sorted(docs, key=lambda d: (d["at"], d["_id"]), reverse=descending)

    seen: list[str] = []
    after: Keyset | None = None
    pages = 0
    while True:
        raw = (
            await collection.find(after_filter("at", after, descending=descending))
            .sort(sort_spec("at", descending=descending))
            .limit(7 + 1)
            .to_list(None)
        )
        page = page_of(raw, 7)
        seen += [item["_id"] for item in page.items]
        pages += 1
        if not page.has_next:
            break
        last = page.items[-1]
        after = Keyset(value=last["at"], id=last["_id"])

    assert seen == [d["_id"] for d in expected]
    assert pages == 4
