"""Fixtures for the content tests: the people who act, and a snapshot of everything a
content operation could write, to show that a refused one wrote nothing.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from redis.asyncio import Redis

from infra.mongo.client import Database
from infra.settings import Settings
from tests.factories.shares import ShareCast, YoungPeople, new_share_cast, new_young_people
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator

WRITTEN = (
    "shares", "responses", "authorship", "bylines", "reactions", "reports", "memberships", "members",
    "moderation_actions", "notifications", "safeguarding_alerts", "author_reveal_requests", "author_reveal_audit",
)  # fmt: skip


@pytest.fixture(scope="session")
async def share_cast(gql: GraphQLClient, auth_emulator: AuthEmulator) -> ShareCast:
    return await new_share_cast(gql, auth_emulator)


@pytest.fixture(scope="session")
async def broker(settings: Settings) -> AsyncIterator[Redis]:
    client = Redis.from_url(settings.worker.broker_url)
    yield client
    await client.aclose()


class Snapshot:
    """Every document a content operation could write, and the length of Celery's queue."""

    def __init__(self, db: Database, broker: Redis) -> None:
        self._db = db
        self._broker = broker

    async def take(self) -> dict[str, Any]:
        state: dict[str, Any] = {name: await self._db[name].find().sort("_id").to_list(None) for name in WRITTEN}
        state["celery_queue"] = await self._broker.llen("celery")
        return state


@pytest.fixture
def snapshot(db: Database, broker: Redis) -> Snapshot:
    return Snapshot(db, broker)


@pytest.fixture(scope="session")
async def young(gql: GraphQLClient, auth_emulator: AuthEmulator) -> YoungPeople:
    return await new_young_people(gql, auth_emulator)
