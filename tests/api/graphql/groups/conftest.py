"""Fixtures for the groups tests: the people who act (once a module)."""

from __future__ import annotations

import pytest

from tests.factories.groups import Cast, new_cast
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator


@pytest.fixture(scope="module")
async def cast(gql: GraphQLClient, auth_emulator: AuthEmulator) -> Cast:
    return await new_cast(gql, auth_emulator)
