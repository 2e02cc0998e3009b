"""Youth groups: members 16 to 24; under-18s join only them; older adults only as staff-assigned leads."""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories.groups import Cast, asked_to_join, created_group, invite_code, joined, mutate
from tests.factories.members import onboarded_member, years_ago
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.changes import Changes


@pytest.fixture
async def youth_group(gql: GraphQLClient, auth_emulator: AuthEmulator, cast: Cast) -> dict[str, Any]:
    lead = await onboarded_member(gql, auth_emulator, dateOfBirth=years_ago(24).isoformat())
    group_id = await created_group(gql, cast.staff, youth=True, access="OPEN", leadMemberId=lead.id)
    return {"id": group_id, "lead": lead, "code": await invite_code(gql, lead, group_id)}


@pytest.mark.parametrize("age", [16, 17, 24])
async def test_people_16_to_24_join_a_youth_group(
    gql: GraphQLClient, auth_emulator: AuthEmulator, youth_group: dict[str, Any], age: int
) -> None:
    person = await onboarded_member(gql, auth_emulator, dateOfBirth=years_ago(age).isoformat())
    await joined(gql, person, group_id=youth_group["id"])


async def test_someone_who_turned_25_today_cannot_join_a_youth_group(
    gql: GraphQLClient, auth_emulator: AuthEmulator, youth_group: dict[str, Any], changes: Changes
) -> None:
    adult = await onboarded_member(gql, auth_emulator, dateOfBirth=years_ago(25).isoformat())
    before = await changes.mark()

    by_id = await mutate(gql, "GroupJoin", adult.token, groupId=youth_group["id"])
    by_code = await mutate(gql, "GroupJoin", adult.token, inviteCode=youth_group["code"])

    assert by_id["errors"][0]["extensions"] == {"code": "NOT_FOUND"}
    assert by_code["code"] == "AGE_NOT_ALLOWED"
    assert await changes.since(before) == []


async def test_an_under_18_cannot_join_an_adult_group(
    gql: GraphQLClient, auth_emulator: AuthEmulator, cast: Cast, changes: Changes
) -> None:
    group_id = await created_group(gql, cast.lead, access="OPEN")
    code = await invite_code(gql, cast.lead, group_id)
    young = await onboarded_member(gql, auth_emulator, dateOfBirth=years_ago(18, days=1).isoformat())
    before = await changes.mark()

    by_id = await mutate(gql, "GroupJoin", young.token, groupId=group_id)
    by_code = await mutate(gql, "GroupJoin", young.token, inviteCode=code)

    assert by_id["errors"][0]["extensions"] == {"code": "NOT_FOUND"}
    assert by_code["code"] == "AGE_NOT_ALLOWED"
    assert await changes.since(before) == []


async def test_staff_assign_an_older_adult_to_lead_a_youth_group(
    gql: GraphQLClient, auth_emulator: AuthEmulator, cast: Cast, youth_group: dict[str, Any]
) -> None:
    youth_worker = await onboarded_member(gql, auth_emulator, dateOfBirth=years_ago(45).isoformat())

    result = await mutate(gql, "GroupLeadAssign", cast.staff.token, groupId=youth_group["id"], memberId=youth_worker.id)

    assert result["__typename"] == "GroupLeadAssignSuccess"
    assert result["group"]["memberCount"] == 2


async def test_staff_cannot_make_an_under_18_lead_an_adult_group(
    gql: GraphQLClient, auth_emulator: AuthEmulator, cast: Cast, changes: Changes
) -> None:
    group_id = await created_group(gql, cast.lead)
    young = await onboarded_member(gql, auth_emulator, dateOfBirth=years_ago(17).isoformat())
    before = await changes.mark()

    result = await mutate(gql, "GroupLeadAssign", cast.staff.token, groupId=group_id, memberId=young.id)

    assert result["code"] == "AGE_NOT_ALLOWED"
    assert await changes.since(before) == []


async def test_an_under_18_may_ask_to_join_a_closed_youth_group(
    gql: GraphQLClient, auth_emulator: AuthEmulator, cast: Cast, youth_group: dict[str, Any]
) -> None:
    await mutate(gql, "GroupUpdate", youth_group["lead"].token, groupId=youth_group["id"], access="CLOSED")
    young = await onboarded_member(gql, auth_emulator, dateOfBirth=years_ago(16).isoformat())

    request = await asked_to_join(gql, young, youth_group["lead"], youth_group["id"])
    decided = await mutate(
        gql, "JoinRequestDecide", youth_group["lead"].token, requestId=request["id"], decision="APPROVE"
    )

    assert decided["joinRequest"]["status"] == "APPROVED"
