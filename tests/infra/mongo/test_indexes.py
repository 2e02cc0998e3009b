"""ensure_indexes() at every start-up, over a database that already has them."""

from __future__ import annotations

import uuid

from infra.mongo.indexes import INDEXES, ensure_indexes
from tests.fixtures.app import RunningApi


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
