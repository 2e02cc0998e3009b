"""memberUpdate: a member changes their profile; bad input changes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from infra.mongo.client import Database
from tests.factories.members import onboarded_member
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator

UPDATE = """
mutation Update($input: MemberUpdateInput!) {
  memberUpdate(input: $input) {
    __typename
    ... on MemberUpdateSuccess { member { displayName nation timezone language } }
    ... on MemberUpdateError { code fieldErrors { field code } }
  }
}
"""


async def test_a_member_changes_only_the_fields_they_give(
    gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database
) -> None:
    member = await onboarded_member(gql, auth_emulator, displayName="Before", nation="WALES", language="CY")
    before = await db.members.find_one({"_id": member.id})
    assert before is not None

    body = await gql(UPDATE, {"input": {"displayName": "After", "language": "EN"}}, token=member.token)

    result = body["data"]["memberUpdate"]
    assert result["member"] == {
        "displayName": "After",
        "nation": "WALES",
        "timezone": "Europe/London",
        "language": "EN",
    }
    after = await db.members.find_one({"_id": member.id})
    assert after is not None
    assert after["updated_at"] > before["updated_at"]
    changed = {key for key in after if after[key] != before[key]}
    assert changed == {"display_name", "language", "updated_at"}


@pytest.mark.parametrize(
    ("edits", "code"),
    [
        ({}, "NOTHING_TO_UPDATE"),
        ({"displayName": ""}, "DISPLAY_NAME_LENGTH"),
        ({"displayName": "+44 7700 900123"}, "DISPLAY_NAME_CONTACT_DETAILS"),
        ({"displayName": "Fine", "timezone": "Europe/Nowhere"}, "TIMEZONE_INVALID"),
    ],
)
async def test_invalid_changes_change_nothing(
    gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database, edits: dict[str, Any], code: str
) -> None:
    member = await onboarded_member(gql, auth_emulator)
    before = await db.members.find_one({"_id": member.id})

    result = (await gql(UPDATE, {"input": edits}, token=member.token))["data"]["memberUpdate"]

    assert result["__typename"] == "MemberUpdateError"
    assert result["code"] == code
    assert await db.members.find_one({"_id": member.id}) == before


async def test_the_date_of_birth_cannot_be_changed(gql: GraphQLClient, auth_emulator: AuthEmulator) -> None:
    member = await onboarded_member(gql, auth_emulator)
    body = await gql(UPDATE, {"input": {"dateOfBirth": "1990-01-01"}}, token=member.token)
    assert body.get("data") is None
    assert "dateOfBirth" in body["errors"][0]["message"]


async def test_a_user_who_has_not_onboarded_is_told_to_onboard(gql: GraphQLClient, auth_emulator: AuthEmulator) -> None:
    user = await auth_emulator.sign_up()
    body = await gql(UPDATE, {"input": {"displayName": "X"}}, token=user.token)
    assert body["data"] is None
    assert body["errors"][0]["extensions"] == {"code": "ONBOARDING_REQUIRED"}
