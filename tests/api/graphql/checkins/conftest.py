"""Fixtures for the check-in tests: a snapshot of everything a check-in operation could write,
to show that a refused one wrote nothing and enqueued nothing.
"""

from __future__ import annotations

import pytest
from redis.asyncio import Redis

from infra.mongo.client import Database
from tests.factories.groups import Cast, new_cast
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.snapshot import Snapshot

WRITTEN = ("checkins", "memberships", "groups", "safeguarding_alerts", "notifications")


@pytest.fixture(scope="session")
async def cast(gql: GraphQLClient, auth_emulator: AuthEmulator) -> Cast:
    return await new_cast(gql, auth_emulator)


@pytest.fixture
def snapshot(db: Database, broker: Redis) -> Snapshot:
    return Snapshot(db, broker, WRITTEN)
