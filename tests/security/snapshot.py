"""The whole stored state, small enough to compare: the count and a hash of every
collection the app declares (and any other the database holds), and the length
of Celery's queue. Two equal snapshots mean nothing was written or enqueued.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import bson
from redis.asyncio import Redis

from infra.mongo.client import Database
from infra.mongo.indexes import INDEXES

QUEUE = "celery"


@dataclass(frozen=True)
class State:
    collections: dict[str, tuple[int, str]]
    queue_length: int

    def changes(self, other: State) -> dict[str, object]:
        """What differs from `other` (empty when nothing does): handy in an assertion message."""
        names = sorted(set(self.collections) | set(other.collections))
        changed: dict[str, object] = {
            n: (self.collections.get(n), other.collections.get(n))
            for n in names
            if self.collections.get(n) != other.collections.get(n)
        }
        if self.queue_length != other.queue_length:
            changed[QUEUE] = (self.queue_length, other.queue_length)
        return changed


class Snapshot:
    """Takes `State`s of the database the API writes and of the broker."""

    def __init__(self, db: Database, broker: Redis) -> None:
        self._db = db
        self._broker = broker

    async def take(self) -> State:
        names = sorted(set(INDEXES) | set(await self._db.list_collection_names()))
        return State(
            collections={name: await self._collection(name) for name in names},
            queue_length=await self._broker.llen(QUEUE),
        )

    async def _collection(self, name: str) -> tuple[int, str]:
        digest = hashlib.sha256()
        count = 0
        async for document in self._db[name].find().sort("_id"):
            digest.update(bson.encode(document))
            count += 1
        return count, digest.hexdigest()


class Chain:
    """The state after the last step that changed nothing: the next step's "before", which
    saves a snapshot per step (steps run one after another, and nothing else writes meanwhile).
    """

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.last: State | None = None

    async def before(self) -> State:
        state, self.last = self.last or await self.snapshot.take(), None
        return state

    async def unchanged_since(self, before: State) -> None:
        after = await self.snapshot.take()
        assert after.changes(before) == {}
        self.last = after
