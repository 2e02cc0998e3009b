"""Fixtures for the content tests: the people who act (once a module)."""

from __future__ import annotations

import pytest

from tests.factories.shares import ShareCast, YoungPeople, new_share_cast, new_young_people
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator


@pytest.fixture(scope="module")
async def share_cast(gql: GraphQLClient, auth_emulator: AuthEmulator) -> ShareCast:
    return await new_share_cast(gql, auth_emulator)


@pytest.fixture(scope="module")
async def young(gql: GraphQLClient, auth_emulator: AuthEmulator) -> YoungPeople:
    return await new_young_people(gql, auth_emulator)
