"""The whole-schema security tests' shared scene and caller (built once a module)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from infra.mongo.client import Database
from tests.fixtures.app import GraphQLClient, RunningApi
from tests.fixtures.auth import AuthEmulator
from tests.security.calls import Caller
from tests.security.world import World, new_world


@pytest.fixture(scope="module")
async def security_world(gql: GraphQLClient, db: Database, auth_emulator: AuthEmulator) -> World:
    return await new_world(gql, db, auth_emulator)


@pytest.fixture(scope="module")
def caller(gql: GraphQLClient, api: RunningApi) -> Caller:
    return Caller(gql, api.ws_url)


# Bounded and reproducible in CI: a fixed number of examples per mutation, the same
# examples every run, no per-example deadline (a busy 2-core machine varies).
hypothesis_settings.register_profile(
    "security",
    max_examples=8,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
