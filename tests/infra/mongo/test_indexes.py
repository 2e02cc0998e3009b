"""ensure_indexes: idempotent, and a changed non-unique index is rebuilt (a unique one is not)."""

from __future__ import annotations

import uuid

import pytest
from pymongo import ASCENDING, IndexModel
from pymongo.errors import OperationFailure

from infra.mongo.indexes import INDEXES, ensure_indexes
from tests.fixtures.app import RunningApi


async def test_indexes_apply_twice_and_an_old_push_due_is_rebuilt_with_its_new_keys(api: RunningApi) -> None:
    db = api.runtime.mongo[f"indexes_{uuid.uuid4().hex[:8]}"]
    # The first version of push_due, without _id
    await db.notifications.create_index([("push.status", ASCENDING), ("push.not_before", ASCENDING)], name="push_due")

    await ensure_indexes(db)
    await ensure_indexes(db)

    info = await db.notifications.index_information()
    assert info["push_due"]["key"] == [("push.status", 1), ("push.not_before", 1), ("_id", 1)]
    for collection, indexes in INDEXES.items():
        names = set(await db[collection].index_information())
        assert {index.document["name"] for index in indexes} <= names
    await api.runtime.mongo.drop_database(db.name)


async def test_a_changed_unique_index_is_not_dropped_silently(api: RunningApi) -> None:
    db = api.runtime.mongo[f"indexes_{uuid.uuid4().hex[:8]}"]
    await db.devices.create_indexes([IndexModel([("token", ASCENDING), ("member_id", ASCENDING)], name="token_unique")])

    with pytest.raises(OperationFailure):
        await ensure_indexes(db)

    assert "token_unique" in await db.devices.index_information()
    await api.runtime.mongo.drop_database(db.name)


async def test_applying_the_indexes_again_over_a_kept_database_succeeds(api: RunningApi) -> None:
    # Regression: FerretDB 1.24 panicked when one createIndexes command named
    # several indexes that already existed, so every restart of `scripts/dev`
    # (which keeps its data) failed to start.
    name = f"indexes_{uuid.uuid4().hex[:8]}"
    db = api.runtime.mongo[name]
    try:
        for _ in range(3):
            await ensure_indexes(db)

        for collection, indexes in INDEXES.items():
            found = {index["name"] async for index in await db[collection].list_indexes()}
            assert found == {"_id_"} | {index.document["name"] for index in indexes}, collection
    finally:
        await api.runtime.mongo.drop_database(name)
