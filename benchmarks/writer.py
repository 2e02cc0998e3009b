"""Bulk writing for the generator, and what a generated data set reports."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from random import Random
from typing import Any

from infra.mongo.client import Database
from schemas.documents.groups import GroupDocument

BATCH = 2_000


@dataclass(frozen=True)
class Person:
    """A generated member the measurements sign in as."""

    uid: str
    member_id: str
    group_id: str
    leads: bool


@dataclass
class Generated:
    """What was written, how long it took, and who to measure with."""

    size: str
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    pool: list[Person] = field(default_factory=list)
    feed_group_id: str = ""
    busy_share_id: str = ""
    session_id: str = ""  # the feed group's next session
    held_session_id: str = ""  # its latest held session, with its register

    @property
    def documents(self) -> int:
        return sum(self.counts.values())


class Writer:
    """Buffers documents per collection and inserts them in unordered batches."""

    def __init__(self, db: Database, generated: Generated) -> None:
        self._db = db
        self._generated = generated
        self._buffers: dict[str, list[dict[str, Any]]] = defaultdict(list)

    async def add(self, collection: str, document: dict[str, Any]) -> None:
        buffer = self._buffers[collection]
        buffer.append(document)
        if len(buffer) >= BATCH:
            await self._flush(collection)

    async def close(self) -> None:
        for collection in list(self._buffers):
            await self._flush(collection)

    async def _flush(self, collection: str) -> None:
        buffer = self._buffers[collection]
        if buffer:
            await self._db[collection].insert_many(buffer, ordered=False)
            self._generated.counts[collection] += len(buffer)
            buffer.clear()


def seeded_id(rng: Random) -> str:
    """A UUIDv4 from the seed, so a run is reproducible."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


@dataclass
class GroupPlan:
    """A group's members (the lead first) before it is written."""

    group: GroupDocument
    member_ids: list[str]
    history: bool


def utc(moment: datetime) -> datetime:
    """Millisecond precision, as the clock gives it."""
    return moment.astimezone(UTC).replace(microsecond=moment.microsecond // 1000 * 1000)
