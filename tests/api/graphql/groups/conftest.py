"""Fixtures for the groups tests: the people who act, and a snapshot of everything a
groups operation could write, to show that a refused one wrote nothing.
"""

from __future__ import annotations

import pytest
from redis.asyncio import Redis

from infra.mongo.client import Database
from tests.factories.groups import Cast, new_cast
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.snapshot import Snapshot

WRITTEN = ("groups", "memberships", "invites", "join_requests", "moderation_actions", "notifications")


@pytest.fixture(scope="session")
async def cast(gql: GraphQLClient, auth_emulator: AuthEmulator) -> Cast:
    return await new_cast(gql, auth_emulator)


@pytest.fixture
def snapshot(db: Database, broker: Redis) -> Snapshot:
    return Snapshot(db, broker, WRITTEN)
