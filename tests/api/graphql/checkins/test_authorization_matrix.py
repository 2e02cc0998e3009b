"""Who may do what with check-ins and schedules: anonymous, signed in but not onboarded, a
non-member, a member, a co-lead, the lead and staff, against one closed group. Every refusal
changes nothing and enqueues nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.factories.checkins import check_in_operation, checked_in
from tests.factories.groups import Cast, mutate, populated_group
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.changes import Changes
from tests.security.matrix import ABSENT, LISTED, NF, NP, OB, OK, F, U, check, roles_matrix

ROLES = ("anonymous", "not_onboarded", "outsider", "member", "co_lead", "lead", "staff")


@dataclass(frozen=True)
class World:
    cast: Cast
    group_id: str
    shared_id: str  # the member's check-in shared with the group
    private_id: str  # the member's private check-in in the group
    not_onboarded: str

    def token(self, role: str) -> str | None:
        if role == "not_onboarded":
            return self.not_onboarded
        return self.cast.token(role)


@pytest.fixture(scope="module")
async def not_onboarded(auth_emulator: AuthEmulator) -> str:
    return (await auth_emulator.sign_up()).token


@pytest.fixture
async def world(gql: GraphQLClient, cast: Cast, not_onboarded: str) -> World:
    group_id = await populated_group(gql, cast)
    shared = await checked_in(gql, cast.member, mood=2, visibility="GROUP", groupId=group_id)
    private = await checked_in(gql, cast.member, mood=1, groupId=group_id)
    return World(cast, group_id, shared["id"], private["id"], not_onboarded)


by_role = roles_matrix(ROLES)


def query(gql: GraphQLClient, name: str, token: str | None, **variables: Any) -> Awaitable[dict[str, Any]]:
    return gql(check_in_operation(name), variables, token=token)


async def submit(gql: GraphQLClient, token: str | None, **input_: Any) -> dict[str, Any]:
    values = {"mood": 3, "idempotencyKey": str(uuid.uuid4())} | input_
    body = await gql(check_in_operation("CheckInSubmit"), {"input": values}, token=token)
    return body if body.get("errors") else body["data"]["checkInSubmit"]


@by_role(U, OB, NF, OK, OK, OK, NF)
async def test_check_in_submit_to_the_group(
    gql: GraphQLClient, changes: Changes, world: World, role: str, expected: str
) -> None:
    await check(changes, expected, lambda: submit(gql, world.token(role), visibility="GROUP", groupId=world.group_id))


@by_role(U, OB, OK, OK, OK, OK, OK)
async def test_check_in_submit_without_a_group(
    gql: GraphQLClient, changes: Changes, world: World, role: str, expected: str
) -> None:
    await check(changes, expected, lambda: submit(gql, world.token(role)))


@by_role(U, OB, ABSENT, LISTED, ABSENT, ABSENT, ABSENT)
async def test_my_check_ins_are_the_member_s_own(
    gql: GraphQLClient, changes: Changes, world: World, role: str, expected: str
) -> None:
    def listed(data: dict[str, Any]) -> bool:
        ids = {node["id"] for node in data["myCheckIns"]["nodes"]}
        return {world.shared_id, world.private_id} <= ids

    await check(changes, expected, lambda: query(gql, "MyCheckIns", world.token(role), first=100), listed)


@by_role(U, OB, OK, OK, OK, OK, OK)
async def test_my_mood_trend(gql: GraphQLClient, changes: Changes, world: World, role: str, expected: str) -> None:
    await check(changes, expected, lambda: query(gql, "MyMoodTrend", world.token(role), days=7))


@by_role(U, OB, NF, LISTED, LISTED, LISTED, F)
async def test_group_check_ins_show_the_shared_one_to_members_and_never_the_private_one(
    gql: GraphQLClient, changes: Changes, world: World, role: str, expected: str
) -> None:
    def listed(data: dict[str, Any]) -> bool:
        ids = [node["id"] for node in data["groupCheckIns"]["nodes"]]
        assert world.private_id not in ids
        return ids == [world.shared_id]

    await check(
        changes, expected, lambda: query(gql, "GroupCheckIns", world.token(role), groupId=world.group_id), listed
    )


@by_role(U, OB, NF, F, OK, OK, F)
async def test_group_wellbeing(gql: GraphQLClient, changes: Changes, world: World, role: str, expected: str) -> None:
    await check(
        changes, expected, lambda: query(gql, "GroupWellbeing", world.token(role), groupId=world.group_id, days=7)
    )


@by_role(U, OB, NF, NP, NP, OK, NP)
async def test_group_schedule_set(gql: GraphQLClient, changes: Changes, world: World, role: str, expected: str) -> None:
    schedule = {"weekdays": ["MONDAY"], "localTime": "19:00"}
    await check(
        changes,
        expected,
        lambda: mutate(gql, "GroupScheduleSet", world.token(role), groupId=world.group_id, schedule=schedule),
    )


@by_role(U, OB, NF, NP, NP, OK, NP)
async def test_group_quiet_policy_set(
    gql: GraphQLClient, changes: Changes, world: World, role: str, expected: str
) -> None:
    await check(
        changes,
        expected,
        lambda: mutate(gql, "GroupQuietPolicySet", world.token(role), groupId=world.group_id, missedCheckIns=3),
    )
