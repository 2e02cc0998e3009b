"""What the app relies on from the document store, checked against the session's engine.

The default local engine (SecantusDB's Rust server, or `mongod` when on PATH) must keep each of
these; FerretDB, the second engine, keeps only the unmarked ones (its lane deselects
`engine_contract`). The first test reproduces the upstream defect that
`infra/local/secantus/unique-claims.patch` fixes: drop the patch only when it passes unpatched.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from pymongo import ASCENDING, AsyncMongoClient, ReturnDocument
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import DuplicateKeyError

from tests.fixtures.services import ServiceEnv

Collection = AsyncCollection[dict[str, Any]]


@pytest.fixture
async def collection(services: ServiceEnv) -> AsyncIterator[Collection]:
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(services.mongodb_uri)
    name = f"engine_{uuid.uuid4().hex[:8]}"
    try:
        yield client[name]["requests"]
    finally:
        await client.drop_database(name)
        await client.close()


MOVES: dict[str, Callable[[Collection], Awaitable[object]]] = {
    "update_one": lambda c: c.update_one({"_id": "r1", "status": "pending"}, {"$set": {"key": "r1"}}),
    "update_many": lambda c: c.update_many({"status": "pending"}, {"$set": {"key": "r1"}}),
    "replace_one": lambda c: c.replace_one({"_id": "r1"}, {"status": "declined", "key": "r1"}),
    "find_one_and_update": lambda c: c.find_one_and_update({"_id": "r1"}, {"$set": {"key": "r1"}}),
}


@pytest.mark.parametrize("move", sorted(MOVES))
async def test_an_update_that_changes_a_unique_value_frees_the_old_one(collection: Collection, move: str) -> None:
    # As a join request does: its pending key "group:member" becomes its own id once decided.
    await collection.create_index("key", unique=True, name="key_unique")
    await collection.insert_one({"_id": "r1", "key": "g1:m1", "status": "pending"})

    await MOVES[move](collection)
    await collection.insert_one({"_id": "r2", "key": "g1:m1", "status": "pending"})

    assert await collection.find({}, sort=[("_id", ASCENDING)]).to_list() == [
        {"_id": "r1", "key": "r1", "status": "pending" if move != "replace_one" else "declined"},
        {"_id": "r2", "key": "g1:m1", "status": "pending"},
    ]
    with pytest.raises(DuplicateKeyError):
        await collection.insert_one({"_id": "r3", "key": "r1"})  # the new value is held


@pytest.mark.engine_contract
async def test_racing_updates_cannot_both_take_one_unique_value(collection: Collection) -> None:
    await collection.create_index("key", unique=True, name="key_unique")
    await collection.insert_many([{"_id": f"d{n}", "key": f"k{n}"} for n in range(20)])

    async def take(n: int) -> bool:
        try:
            await collection.update_one({"_id": f"d{n}"}, {"$set": {"key": "wanted"}})
        except DuplicateKeyError:
            return False
        return True

    won = await asyncio.gather(*(take(n) for n in range(20)))

    assert sum(won) == 1
    assert await collection.count_documents({"key": "wanted"}) == 1


@pytest.mark.engine_contract
async def test_concurrent_conditional_increments_never_pass_their_limit(collection: Collection) -> None:
    # The shape of a group's capacity: one conditional update on the document that owns it.
    await collection.insert_one({"_id": "group", "members": 0})

    async def join() -> bool:
        after = await collection.find_one_and_update(
            {"_id": "group", "members": {"$lt": 5}}, {"$inc": {"members": 1}}, return_document=ReturnDocument.AFTER
        )
        return after is not None

    admitted = await asyncio.gather(*(join() for _ in range(20)))

    assert sum(admitted) == 5
    assert await collection.find_one({"_id": "group"}) == {"_id": "group", "members": 5}


@pytest.mark.engine_contract
async def test_concurrent_upserts_on_a_unique_pair_keep_every_increment(collection: Collection) -> None:
    await collection.create_index([("group", ASCENDING), ("member", ASCENDING)], unique=True, name="pair")

    async def count_one() -> None:
        for _ in range(3):  # an upsert that lost the insert race retries as an update, as mongod's does
            try:
                await collection.update_one({"group": "g", "member": "m"}, {"$inc": {"n": 1}}, upsert=True)
            except DuplicateKeyError:
                continue
            return

    await asyncio.gather(*(count_one() for _ in range(10)))

    assert await collection.find({}, {"_id": 0}).to_list() == [{"group": "g", "member": "m", "n": 10}]


@pytest.mark.engine_contract
async def test_a_find_by_an_indexed_field_reads_the_index(collection: Collection) -> None:
    await collection.create_index([("member_id", ASCENDING)], name="member")
    await collection.insert_many([{"member_id": f"m{n % 50}"} for n in range(500)])

    plan = await collection.find({"member_id": "m7"}).explain()

    assert "IXSCAN" in str(plan["queryPlanner"]["winningPlan"])
