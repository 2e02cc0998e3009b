"""ensure_indexes: idempotent, and a changed non-unique index is rebuilt (a unique one is not)."""

from __future__ import annotations

import uuid

import pytest
from pymongo import ASCENDING, IndexModel
from pymongo.errors import DuplicateKeyError, OperationFailure

from infra.local.services import mongo_engine
from infra.mongo.indexes import INDEXES, ensure_indexes
from tests.fixtures.app import RunningApi

# FerretDB 1.24 has no geo index: ensure_indexes leaves those out there (discovery falls back).
GEO_INDEXES = {"nation_location"} if mongo_engine() == "ferretdb" else set()


def declared(indexes: list[IndexModel]) -> set[str]:
    """The names of the indexes this engine is given."""
    return {index.document["name"] for index in indexes} - GEO_INDEXES


async def test_indexes_apply_twice_and_an_old_push_due_is_rebuilt_with_its_new_keys(api: RunningApi) -> None:
    db = api.runtime.mongo[f"indexes_{uuid.uuid4().hex[:8]}"]
    # The first version of push_due, without _id
    await db.notifications.create_index([("push.status", ASCENDING), ("push.not_before", ASCENDING)], name="push_due")

    await ensure_indexes(db)
    await ensure_indexes(db)

    info = await db.notifications.index_information()
    assert info["push_due"]["key"] == [("push.status", 1), ("push.not_before", 1), ("_id", 1), ("member_id", 1)]
    for collection, indexes in INDEXES.items():
        names = set(await db[collection].index_information())
        assert declared(indexes) <= names
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
            assert found == {"_id_"} | declared(indexes), collection
    finally:
        await api.runtime.mongo.drop_database(name)


async def test_unique_indexes_renamed_for_sharding_replace_the_old_ones_and_still_refuse_duplicates(
    api: RunningApi,
) -> None:
    # Given a database as issue 22 found it: the three unique indexes not prefixed by their shard
    # keys, with data in each collection
    db = api.runtime.mongo[f"indexes_{uuid.uuid4().hex[:8]}"]
    old = {
        "memberships": IndexModel(
            [("group_id", ASCENDING), ("member_id", ASCENDING)], name="group_member_unique", unique=True
        ),
        "notifications": IndexModel([("dedupe_key", ASCENDING)], name="dedupe_key_unique", unique=True),
        "reactions": IndexModel(
            [("target_id", ASCENDING), ("reactor_key", ASCENDING), ("kind", ASCENDING)],
            name="target_reactor_kind_unique",
            unique=True,
        ),
    }
    kept = {
        "memberships": {"_id": "ms-1", "group_id": "g", "member_id": "m"},
        "notifications": {"_id": "n-1", "member_id": "m", "dedupe_key": "k"},
        "reactions": {"_id": "r-1", "target_id": "s", "reactor_key": "x", "kind": "me_too"},
    }
    for collection, index in old.items():
        await db[collection].create_indexes([index])
        await db[collection].insert_one(kept[collection])
    await db.reactions.create_index([("reactor_key", ASCENDING)], name="reactor_key")

    # When the indexes are applied (as every process does at start-up), twice
    await ensure_indexes(db)
    await ensure_indexes(db)

    # Then only the new ones are left, the data is intact, and a duplicate is still refused
    names = {collection: set(await db[collection].index_information()) for collection in old}
    assert names == {
        "memberships": {"_id_", "member_group_unique", "member_groups", "group_roster", "quiet_due"},
        "notifications": {
            "_id_",
            "member_dedupe_key_unique",
            "inbox",
            "push_due",
            "unread",
            "about_member",
            "retention",
        },
        "reactions": {"_id_", "reactor_target_kind_unique", "target"},
    }
    for collection, document in kept.items():
        assert await db[collection].find({}).to_list(None) == [document]
        with pytest.raises(DuplicateKeyError):
            await db[collection].insert_one(document | {"_id": f"{document['_id']}-again"})
    await api.runtime.mongo.drop_database(db.name)


async def test_the_geo_index_is_built_where_the_engine_has_geo_indexes(api: RunningApi) -> None:
    info = await api.runtime.db.groups.index_information()

    assert "nation_discovery" in info
    assert ("nation_location" in info) is (mongo_engine() != "ferretdb")
