"""deviceRegister and deviceUnregister over HTTP: a token moves to whoever registered it last."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from infra.mongo.client import Database
from tests.factories.devices import REGISTER, new_token, registered_device
from tests.factories.members import onboarded_member
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator

UNREGISTER = """
mutation DeviceUnregister($input: DeviceUnregisterInput!) {
  deviceUnregister(input: $input) {
    __typename
    ... on DeviceUnregisterSuccess { device { id platform } }
    ... on DeviceUnregisterError { code message fieldErrors { field code message } }
  }
}
"""


async def test_a_member_registers_a_phone_and_registering_again_refreshes_it(
    gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database
) -> None:
    member = await onboarded_member(gql, auth_emulator)
    token = new_token()

    first = await gql(REGISTER, {"input": {"token": token, "platform": "IOS", "locale": "cy-GB"}}, token=member.token)
    again = await gql(REGISTER, {"input": {"token": token, "platform": "IOS", "locale": "en-GB"}}, token=member.token)

    device = first["data"]["deviceRegister"]["device"]
    refreshed = again["data"]["deviceRegister"]["device"]
    assert (device["platform"], device["locale"]) == ("IOS", "cy-GB")
    assert (refreshed["id"], refreshed["locale"], refreshed["createdAt"]) == (
        device["id"],
        "en-GB",
        device["createdAt"],
    )
    assert refreshed["lastSeen"] >= device["lastSeen"]
    [stored] = await db.devices.find({"token": token}).to_list(None)
    assert stored["_id"] == device["id"]
    assert (stored["member_id"], stored["platform"], stored["locale"]) == (member.id, "ios", "en-GB")
    assert abs(stored["last_seen"] - datetime.now(UTC)) < timedelta(minutes=1)


async def test_a_token_moves_to_the_member_who_registered_it_last(
    gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database
) -> None:
    # Given a phone registered by one member (they signed out, another signed in on it)
    before, after = await onboarded_member(gql, auth_emulator), await onboarded_member(gql, auth_emulator)
    token = await registered_device(gql, before)

    await registered_device(gql, after, token=token)

    assert [d["member_id"] for d in await db.devices.find({"token": token}).to_list(None)] == [after.id]
    refused = await gql(UNREGISTER, {"input": {"token": token}}, token=before.token)
    assert refused["data"]["deviceUnregister"]["code"] == "NOT_FOUND"


async def test_a_member_keeps_at_most_ten_phones_and_the_least_recently_seen_go(
    gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database
) -> None:
    member = await onboarded_member(gql, auth_emulator)
    tokens = [await registered_device(gql, member) for _ in range(11)]
    kept = {d["token"] for d in await db.devices.find({"member_id": member.id}).to_list(None)}
    assert kept == set(tokens[1:])


async def test_a_member_unregisters_their_own_phone(
    gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database
) -> None:
    member = await onboarded_member(gql, auth_emulator)
    token = await registered_device(gql, member, platform="ANDROID")

    body = await gql(UNREGISTER, {"input": {"token": token}}, token=member.token)

    assert body["data"]["deviceUnregister"]["__typename"] == "DeviceUnregisterSuccess"
    assert body["data"]["deviceUnregister"]["device"]["platform"] == "ANDROID"
    assert await db.devices.count_documents({"token": token}) == 0
    again = await gql(UNREGISTER, {"input": {"token": token}}, token=member.token)
    assert again["data"]["deviceUnregister"]["code"] == "NOT_FOUND"


@pytest.mark.parametrize(
    ("values", "code", "field"),
    [
        pytest.param({"token": ""}, "TOKEN_INVALID", "token", id="empty-token"),
        pytest.param({"token": "has space"}, "TOKEN_INVALID", "token", id="space-in-token"),
        pytest.param({"token": "x" * 4097}, "TOKEN_INVALID", "token", id="token-too-long"),
        pytest.param({"token": "tok\u00e9n"}, "TOKEN_INVALID", "token", id="non-ascii-token"),
        pytest.param({"locale": ""}, "LOCALE_INVALID", "locale", id="empty-locale"),
        pytest.param({"locale": "english please"}, "LOCALE_INVALID", "locale", id="prose-locale"),
        pytest.param({"locale": "e"}, "LOCALE_INVALID", "locale", id="one-letter"),
        pytest.param({"locale": "en-GB-" + "x" * 40}, "LOCALE_INVALID", "locale", id="locale-too-long"),
    ],
)
async def test_each_invalid_registration_returns_its_code_and_writes_nothing(
    gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database, values: dict[str, Any], code: str, field: str
) -> None:
    member = await onboarded_member(gql, auth_emulator)
    registration = {"token": new_token(), "platform": "ANDROID", "locale": "en-GB"} | values

    body = await gql(REGISTER, {"input": registration}, token=member.token)

    result = body["data"]["deviceRegister"]
    assert (result["__typename"], result["code"]) == ("DeviceRegisterError", code)
    assert [(e["field"], e["code"]) for e in result["fieldErrors"]] == [(field, code)]
    assert await db.devices.count_documents({"member_id": member.id}) == 0


async def test_an_unknown_platform_is_refused_before_anything_runs(
    gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database
) -> None:
    member = await onboarded_member(gql, auth_emulator)
    body = await gql(
        REGISTER, {"input": {"token": new_token(), "platform": "WINDOWS", "locale": "en"}}, token=member.token
    )
    assert body.get("data") is None
    assert await db.devices.count_documents({"member_id": member.id}) == 0


async def test_a_malformed_token_to_unregister_is_a_typed_error(
    gql: GraphQLClient, auth_emulator: AuthEmulator
) -> None:
    member = await onboarded_member(gql, auth_emulator)
    body = await gql(UNREGISTER, {"input": {"token": "two words"}}, token=member.token)
    assert body["data"]["deviceUnregister"]["code"] == "TOKEN_INVALID"
