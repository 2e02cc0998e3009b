"""Applying the declared indexes is idempotent: every API and worker start does it."""

from __future__ import annotations

import uuid

from infra.mongo.client import Client
from infra.mongo.indexes import INDEXES, ensure_indexes
from tests.fixtures.app import RunningApi


async def test_indexes_apply_twice_and_all_exist(api: RunningApi) -> None:
    client: Client = api.runtime.mongo
    db = client[f"indexes_{uuid.uuid4().hex[:8]}"]
    await ensure_indexes(db)
    await ensure_indexes(db)  # a second process starting, or a restart
    for collection, indexes in INDEXES.items():
        names = {index["name"] async for index in await db[collection].list_indexes()}
        assert {index.document["name"] for index in indexes} <= names
    await client.drop_database(db.name)
