"""The whole-schema security tests' shared scene, snapshot and caller (built once a session)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from infra.mongo.client import Database
from infra.settings import Settings
from tests.fixtures.app import GraphQLClient, RunningApi
from tests.fixtures.auth import AuthEmulator
from tests.security.calls import Caller
from tests.security.snapshot import Snapshot
from tests.security.world import World, new_world


@pytest.fixture(scope="session")
async def security_world(gql: GraphQLClient, db: Database, auth_emulator: AuthEmulator) -> World:
    return await new_world(gql, db, auth_emulator)


@pytest.fixture(scope="session")
async def security_broker(settings: Settings) -> AsyncIterator[Redis]:
    client = Redis.from_url(settings.worker.broker_url)
    yield client
    await client.aclose()


@pytest.fixture(scope="session")
def state(db: Database, security_broker: Redis) -> Snapshot:
    return Snapshot(db, security_broker)


@pytest.fixture(scope="session")
def caller(gql: GraphQLClient, api: RunningApi) -> Caller:
    return Caller(gql, api.ws_url)
