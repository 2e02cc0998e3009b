"""Indexes: applying them again at every start-up is harmless (a regression test: FerretDB
1.24 drops the connection when asked to create two or more indexes that already exist).
"""

from __future__ import annotations

import uuid

from infra.mongo.client import Database
from infra.mongo.indexes import INDEXES, ensure_indexes


async def test_indexes_apply_twice_and_every_declared_one_exists(db: Database) -> None:
    fresh = db.client[f"indexes_{uuid.uuid4().hex[:8]}"]

    await ensure_indexes(fresh)
    await ensure_indexes(fresh)

    for collection, indexes in INDEXES.items():
        names = {index["name"] async for index in await fresh[collection].list_indexes()}
        assert names == {"_id_"} | {index.document["name"] for index in indexes}
    await db.client.drop_database(fresh.name)
