"""Fixtures for the content tests: the people who act, and a snapshot of everything a
content operation could write, to show that a refused one wrote nothing.
"""

from __future__ import annotations

import pytest
from redis.asyncio import Redis

from infra.mongo.client import Database
from tests.factories.shares import ShareCast, YoungPeople, new_share_cast, new_young_people
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.snapshot import Snapshot

WRITTEN = (
    "shares", "responses", "authorship", "bylines", "reactions", "reports", "memberships", "members",
    "moderation_actions", "notifications", "safeguarding_alerts", "author_reveal_requests", "author_reveal_audit",
)  # fmt: skip


@pytest.fixture(scope="session")
async def share_cast(gql: GraphQLClient, auth_emulator: AuthEmulator) -> ShareCast:
    return await new_share_cast(gql, auth_emulator)


@pytest.fixture
def snapshot(db: Database, broker: Redis) -> Snapshot:
    return Snapshot(db, broker, WRITTEN)


@pytest.fixture(scope="session")
async def young(gql: GraphQLClient, auth_emulator: AuthEmulator) -> YoungPeople:
    return await new_young_people(gql, auth_emulator)
