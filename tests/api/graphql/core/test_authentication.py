"""Every way a token can be wrong gives UNAUTHENTICATED: never a 500, never a trace."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest

from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator, unsigned_token

ME = "query { me { id } }"


async def _missing(auth_emulator: AuthEmulator) -> dict[str, str]:
    return {}


async def _not_bearer(auth_emulator: AuthEmulator) -> dict[str, str]:
    user = await auth_emulator.sign_up()
    return {"Authorization": f"Basic {user.token}"}


async def _empty_bearer(auth_emulator: AuthEmulator) -> dict[str, str]:
    return {"Authorization": "Bearer"}


async def _garbage(auth_emulator: AuthEmulator) -> dict[str, str]:
    return {"Authorization": "Bearer not.a.token"}


async def _expired(auth_emulator: AuthEmulator) -> dict[str, str]:
    user = await auth_emulator.sign_up()
    return {"Authorization": f"Bearer {unsigned_token(user.uid, expires_in=-600)}"}


async def _other_project(auth_emulator: AuthEmulator) -> dict[str, str]:
    user = await auth_emulator.sign_up()
    return {"Authorization": f"Bearer {unsigned_token(user.uid, expires_in=600, audience='demo-someone-else')}"}


async def _revoked(auth_emulator: AuthEmulator) -> dict[str, str]:
    user = await auth_emulator.sign_up()
    await asyncio.sleep(1.1)  # revocation compares whole seconds with the token's auth_time
    await auth_emulator.revoke(user.uid)
    return {"Authorization": f"Bearer {user.token}"}


@pytest.mark.parametrize(
    ("make_headers", "message_part"),
    [
        (_missing, "Sign in"),
        (_not_bearer, "Bearer"),
        (_empty_bearer, "Bearer"),
        (_garbage, "not valid"),
        (_expired, "expired"),
        (_other_project, "not valid"),
        (_revoked, "ended"),
    ],
    ids=["missing", "not-bearer", "empty-bearer", "garbage", "expired", "other-project", "revoked"],
)
async def test_a_bad_token_is_unauthenticated(
    gql: GraphQLClient,
    auth_emulator: AuthEmulator,
    make_headers: Callable[[AuthEmulator], Awaitable[dict[str, str]]],
    message_part: str,
) -> None:
    headers = await make_headers(auth_emulator)
    response = await gql.http.post("/graphql", json={"query": ME}, headers=headers)

    assert response.status_code == 200
    body = response.json()
    assert body["data"] == {"me": None}
    [error] = body["errors"]
    assert error["extensions"] == {"code": "UNAUTHENTICATED"}
    assert message_part in error["message"]
    assert "Traceback" not in response.text


async def test_a_valid_token_signs_the_user_in(gql: GraphQLClient, auth_emulator: AuthEmulator) -> None:
    user = await auth_emulator.sign_up()
    body = await gql(ME, token=user.token)
    assert body == {"data": {"me": None}}  # signed in, not yet onboarded
