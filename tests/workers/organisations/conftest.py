"""The content tests' people (once a module), for the organisations tests here."""

from __future__ import annotations

import pytest

from tests.factories.shares import ShareCast, new_share_cast
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator


@pytest.fixture(scope="module")
async def share_cast(gql: GraphQLClient, auth_emulator: AuthEmulator) -> ShareCast:
    return await new_share_cast(gql, auth_emulator)
