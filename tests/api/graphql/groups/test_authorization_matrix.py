"""Who may do what, per operation: anonymous, a non-member, a member, a co-lead, the lead
and staff, each against one closed group. Every refusal changes nothing and enqueues nothing.
"""

from __future__ import annotations

from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.factories.groups import Cast, asked_to_join, group_input, invite_code, mutate, operation, populated_group
from tests.fixtures.app import GraphQLClient
from tests.fixtures.changes import Changes
from tests.security.matrix import ABSENT, LISTED, NF, NP, OK, F, U, check, roles_matrix

ROLES = ("anonymous", "outsider", "member", "co_lead", "lead", "staff")


@dataclass(frozen=True)
class World:
    cast: Cast
    group_id: str
    group_name: str
    request_id: str


@pytest.fixture
async def world(gql: GraphQLClient, cast: Cast) -> World:
    name = group_input()["name"]
    group_id = await populated_group(gql, cast, name=name)
    request = await asked_to_join(gql, cast.requester, cast.lead, group_id)
    return World(cast=cast, group_id=group_id, group_name=name, request_id=request["id"])


by_role = roles_matrix(ROLES)


def query(gql: GraphQLClient, name: str, token: str | None, **variables: Any) -> Awaitable[dict[str, Any]]:
    return gql(operation(name), variables, token=token)


@by_role(U, NF, OK, OK, OK, OK)
async def test_group(gql: GraphQLClient, changes: Changes, world: World, role: str, expected: str) -> None:
    await check(changes, expected, lambda: query(gql, "GroupScreen", world.cast.token(role), id=world.group_id))


@by_role(U, ABSENT, LISTED, LISTED, LISTED, ABSENT)
async def test_my_groups(gql: GraphQLClient, changes: Changes, world: World, role: str, expected: str) -> None:
    await check(
        changes, expected, lambda: query(gql, "MyGroups", world.cast.token(role), first=100),
        listed=lambda data: world.group_id in [g["id"] for g in data["myGroups"]["nodes"]],
    )  # fmt: skip


@by_role(U, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT)
async def test_groups_never_lists_a_closed_group(
    gql: GraphQLClient, changes: Changes, world: World, role: str, expected: str
) -> None:
    text = {"text": world.group_name}
    await check(
        changes, expected, lambda: query(gql, "GroupDiscovery", world.cast.token(role), filter=text),
        listed=lambda data: bool(data["groups"]["nodes"]),
    )  # fmt: skip


@by_role(U, NF, F, OK, OK, F)
async def test_join_requests(gql: GraphQLClient, changes: Changes, world: World, role: str, expected: str) -> None:
    await check(changes, expected, lambda: query(gql, "JoinRequests", world.cast.token(role), groupId=world.group_id))


@by_role(U, ABSENT, ABSENT, LISTED, LISTED, ABSENT)
async def test_my_leadership(gql: GraphQLClient, changes: Changes, world: World, role: str, expected: str) -> None:
    await check(
        changes, expected, lambda: query(gql, "MyLeadership", world.cast.token(role), first=100),
        listed=lambda data: world.group_id in [n["group"]["id"] for n in data["myLeadership"]["groups"]["nodes"]],
    )  # fmt: skip


@by_role(U, NP, NP, NP, NP, OK)
async def test_group_create_youth(gql: GraphQLClient, changes: Changes, world: World, role: str, expected: str) -> None:
    youth = group_input(youth=True, leadMemberId=world.cast.peer.id)
    await check(changes, expected, lambda: mutate(gql, "GroupCreate", world.cast.token(role), **youth))


@by_role(U, NF, NP, NP, OK, NP)
async def test_group_update(gql: GraphQLClient, changes: Changes, world: World, role: str, expected: str) -> None:
    await check(
        changes,
        expected,
        lambda: mutate(gql, "GroupUpdate", world.cast.token(role), groupId=world.group_id, name="New"),
    )


@by_role(U, NF, NP, NP, OK, NP)
async def test_group_archive(gql: GraphQLClient, changes: Changes, world: World, role: str, expected: str) -> None:
    await check(changes, expected, lambda: mutate(gql, "GroupArchive", world.cast.token(role), groupId=world.group_id))


@by_role(U, NF, "ALREADY_MEMBER", "ALREADY_MEMBER", "ALREADY_MEMBER", "GROUP_CLOSED")
async def test_group_join(gql: GraphQLClient, changes: Changes, world: World, role: str, expected: str) -> None:
    await check(changes, expected, lambda: mutate(gql, "GroupJoin", world.cast.token(role), groupId=world.group_id))


@by_role(U, NF, OK, OK, "LAST_LEAD", "NOT_A_MEMBER")
async def test_group_leave(gql: GraphQLClient, changes: Changes, world: World, role: str, expected: str) -> None:
    await check(changes, expected, lambda: mutate(gql, "GroupLeave", world.cast.token(role), groupId=world.group_id))


@by_role(U, NF, NP, OK, OK, NP)
async def test_invite_create(gql: GraphQLClient, changes: Changes, world: World, role: str, expected: str) -> None:
    await check(changes, expected, lambda: mutate(gql, "InviteCreate", world.cast.token(role), groupId=world.group_id))


@by_role(U, OK, "ALREADY_MEMBER", "ALREADY_MEMBER", "ALREADY_MEMBER", OK)
async def test_join_request_create(
    gql: GraphQLClient, changes: Changes, world: World, role: str, expected: str
) -> None:
    code = await invite_code(gql, world.cast.lead, world.group_id, asksLeads=True)
    await check(changes, expected, lambda: mutate(gql, "JoinRequestCreate", world.cast.token(role), inviteCode=code))


@by_role(U, NF, NF, OK, OK, NF)
async def test_join_request_decide(
    gql: GraphQLClient, changes: Changes, world: World, role: str, expected: str
) -> None:
    token = world.cast.token(role)
    await check(
        changes,
        expected,
        lambda: mutate(gql, "JoinRequestDecide", token, requestId=world.request_id, decision="APPROVE"),
    )


@by_role(U, NF, NP, OK, OK, OK)
async def test_member_remove(gql: GraphQLClient, changes: Changes, world: World, role: str, expected: str) -> None:
    target = {"groupId": world.group_id, "memberId": world.cast.peer.id, "reason": "Breaking the house rules"}
    await check(changes, expected, lambda: mutate(gql, "MemberRemove", world.cast.token(role), **target))


@by_role(U, NF, NP, NP, OK, NP)
async def test_co_lead_promote(gql: GraphQLClient, changes: Changes, world: World, role: str, expected: str) -> None:
    target = {"groupId": world.group_id, "memberId": world.cast.peer.id}
    await check(changes, expected, lambda: mutate(gql, "CoLeadPromote", world.cast.token(role), **target))


@by_role(U, NF, NP, NP, OK, NP)
async def test_co_lead_demote(gql: GraphQLClient, changes: Changes, world: World, role: str, expected: str) -> None:
    target = {"groupId": world.group_id, "memberId": world.cast.co_lead.id}
    await check(changes, expected, lambda: mutate(gql, "CoLeadDemote", world.cast.token(role), **target))


@by_role(U, NF, NP, NP, OK, NP)
async def test_leadership_transfer(
    gql: GraphQLClient, changes: Changes, world: World, role: str, expected: str
) -> None:
    target = {"groupId": world.group_id, "memberId": world.cast.peer.id}
    await check(changes, expected, lambda: mutate(gql, "LeadershipTransfer", world.cast.token(role), **target))


@by_role(U, NF, NP, NP, NP, OK)
async def test_group_lead_assign(gql: GraphQLClient, changes: Changes, world: World, role: str, expected: str) -> None:
    target = {"groupId": world.group_id, "memberId": world.cast.peer.id}
    await check(changes, expected, lambda: mutate(gql, "GroupLeadAssign", world.cast.token(role), **target))


@by_role(U, NF, NP, OK, OK, NP)
async def test_lead_away_set(gql: GraphQLClient, changes: Changes, world: World, role: str, expected: str) -> None:
    await check(
        changes,
        expected,
        lambda: mutate(gql, "LeadAwaySet", world.cast.token(role), groupId=world.group_id, until=None),
    )
