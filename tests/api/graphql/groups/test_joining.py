"""Joining: open groups at once, invite codes, capacity, and leaving."""

from __future__ import annotations

import asyncio
import hashlib
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from infra.mongo.client import Database
from tests.factories.groups import Cast, created_group, invite_code, joined, mutate, operation
from tests.factories.members import onboarded_member
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.changes import Changes


async def test_a_member_joins_an_open_group_at_once(gql: GraphQLClient, cast: Cast, db: Database) -> None:
    group_id = await created_group(gql, cast.lead, access="OPEN")

    result = await mutate(gql, "GroupJoin", cast.member.token, groupId=group_id)

    assert result["__typename"] == "GroupJoinSuccess"
    assert (result["group"]["memberCount"], result["group"]["viewerRole"]) == (2, "MEMBER")
    stored = await db.groups.find_one({"_id": group_id})
    assert stored is not None
    assert (stored["member_count"], stored["free_slots"]) == (2, 28)
    membership = await db.memberships.find_one({"group_id": group_id, "member_id": cast.member.id})
    assert membership is not None
    assert (membership["role"], membership["status"]) == ("member", "active")


async def test_a_closed_group_cannot_be_joined_by_id_and_looks_like_a_random_id(
    gql: GraphQLClient, cast: Cast, changes: Changes
) -> None:
    group_id = await created_group(gql, cast.lead, access="CLOSED")
    before = await changes.mark()

    closed = await mutate(gql, "GroupJoin", cast.outsider.token, groupId=group_id)
    missing = await mutate(gql, "GroupJoin", cast.outsider.token, groupId=str(uuid.uuid4()))

    assert closed["errors"][0]["extensions"] == {"code": "NOT_FOUND"}
    assert closed == missing
    assert await changes.since(before) == []


async def test_joining_twice_is_refused_and_changes_nothing(gql: GraphQLClient, cast: Cast, changes: Changes) -> None:
    group_id = await created_group(gql, cast.lead, access="OPEN")
    await joined(gql, cast.member, group_id=group_id)
    before = await changes.mark()

    result = await mutate(gql, "GroupJoin", cast.member.token, groupId=group_id)

    assert result["code"] == "ALREADY_MEMBER"
    assert await changes.since(before) == []


async def test_a_full_group_refuses_the_next_member(gql: GraphQLClient, cast: Cast, changes: Changes) -> None:
    group_id = await created_group(gql, cast.lead, access="OPEN", capacity=2)
    await joined(gql, cast.member, group_id=group_id)
    before = await changes.mark()

    result = await mutate(gql, "GroupJoin", cast.peer.token, groupId=group_id)

    assert result["code"] == "GROUP_FULL"
    assert await changes.since(before) == []


@pytest.mark.parametrize("given", [{}, {"groupId": "x", "inviteCode": "y"}])
async def test_exactly_one_of_group_and_code_is_needed(
    gql: GraphQLClient, cast: Cast, changes: Changes, given: dict[str, str]
) -> None:
    before = await changes.mark()
    result = await mutate(gql, "GroupJoin", cast.member.token, **given)
    assert result["code"] == "JOIN_TARGET_INVALID"
    assert await changes.since(before) == []


async def test_an_invite_code_is_shown_once_and_stored_only_as_a_hash(
    gql: GraphQLClient, cast: Cast, db: Database
) -> None:
    group_id = await created_group(gql, cast.lead)

    result = await mutate(gql, "InviteCreate", cast.lead.token, groupId=group_id, maxUses=3, validForDays=2)

    code = result["inviteCode"]
    assert len(code) >= 10
    assert (result["invite"]["maxUses"], result["invite"]["usesLeft"]) == (3, 3)
    stored = await db.invites.find_one({"_id": result["invite"]["id"]})
    assert stored is not None
    assert stored["code_hash"] == hashlib.sha256(code.encode()).hexdigest()
    assert code not in str(stored)
    assert stored["expires_at"] - stored["created_at"] == timedelta(days=2)


async def test_a_code_lets_people_into_a_closed_group_until_it_is_used_up(
    gql: GraphQLClient, cast: Cast, db: Database, changes: Changes
) -> None:
    group_id = await created_group(gql, cast.lead)
    code = await invite_code(gql, cast.lead, group_id, maxUses=2)

    await joined(gql, cast.member, code=f"  {code} ")
    await joined(gql, cast.peer, code=code)
    before = await changes.mark()
    third = await mutate(gql, "GroupJoin", cast.outsider.token, inviteCode=code)

    assert third["code"] == "INVITE_USED_UP"
    assert await changes.since(before) == []
    stored = await db.groups.find_one({"_id": group_id})
    assert stored is not None
    assert stored["member_count"] == 3


async def test_an_expired_code_is_refused(gql: GraphQLClient, cast: Cast, db: Database, changes: Changes) -> None:
    group_id = await created_group(gql, cast.lead)
    code = await invite_code(gql, cast.lead, group_id)
    await db.invites.update_one({"group_id": group_id}, {"$set": {"expires_at": datetime.now(UTC) - timedelta(1)}})
    before = await changes.mark()

    result = await mutate(gql, "GroupJoin", cast.member.token, inviteCode=code)

    assert result["code"] == "INVITE_EXPIRED"
    assert await changes.since(before) == []


@pytest.mark.parametrize("code", ["not-a-code-we-made", "x" * 65, ""])
async def test_an_unknown_code_is_refused(gql: GraphQLClient, cast: Cast, changes: Changes, code: str) -> None:
    before = await changes.mark()
    result = await mutate(gql, "GroupJoin", cast.member.token, inviteCode=code)
    assert result["code"] == "INVITE_INVALID"
    assert await changes.since(before) == []


async def test_a_failed_join_gives_the_code_its_use_back(
    gql: GraphQLClient, db: Database, cast: Cast, changes: Changes
) -> None:
    group_id = await created_group(gql, cast.lead, capacity=2)
    code = await invite_code(gql, cast.lead, group_id, maxUses=5)
    await joined(gql, cast.member, code=code)
    before = await changes.mark()

    result = await mutate(gql, "GroupJoin", cast.peer.token, inviteCode=code)

    assert result["code"] == "GROUP_FULL"
    # The use is taken first (one conditional write), then given back: nothing else is written
    assert await changes.since(before) == ["invites: findAndModify 1", "invites: update 1"]
    invite = await db.invites.find_one({"group_id": group_id})
    assert invite is not None
    assert invite["uses_left"] == 4


async def test_joining_twice_with_a_code_spends_no_use(gql: GraphQLClient, cast: Cast, changes: Changes) -> None:
    group_id = await created_group(gql, cast.lead)
    code = await invite_code(gql, cast.lead, group_id)
    await joined(gql, cast.member, code=code)
    before = await changes.mark()

    result = await mutate(gql, "GroupJoin", cast.member.token, inviteCode=code)

    assert result["code"] == "ALREADY_MEMBER"
    assert await changes.since(before) == []


@pytest.mark.parametrize(
    ("given", "code", "field"),
    [
        ({"maxUses": 0}, "MAX_USES_OUT_OF_RANGE", "maxUses"),
        ({"maxUses": 101}, "MAX_USES_OUT_OF_RANGE", "maxUses"),
        ({"validForDays": 0}, "VALIDITY_OUT_OF_RANGE", "validForDays"),
        ({"validForDays": 31}, "VALIDITY_OUT_OF_RANGE", "validForDays"),
    ],
)
async def test_invite_limits_out_of_range_are_refused(
    gql: GraphQLClient, cast: Cast, changes: Changes, given: dict[str, int], code: str, field: str
) -> None:
    group_id = await created_group(gql, cast.lead)
    before = await changes.mark()
    result = await mutate(gql, "InviteCreate", cast.lead.token, groupId=group_id, **given)
    assert (result["code"], [e["field"] for e in result["fieldErrors"]]) == (code, [field])
    assert await changes.since(before) == []


async def test_a_member_leaves_and_may_join_again(gql: GraphQLClient, cast: Cast, db: Database) -> None:
    group_id = await created_group(gql, cast.lead, access="OPEN")
    await joined(gql, cast.member, group_id=group_id)

    left = await mutate(gql, "GroupLeave", cast.member.token, groupId=group_id)

    assert left == {"__typename": "GroupLeaveSuccess", "groupId": group_id}
    assert await db.memberships.count_documents({"group_id": group_id, "member_id": cast.member.id}) == 0
    stored = await db.groups.find_one({"_id": group_id})
    assert stored is not None
    assert (stored["member_count"], stored["free_slots"]) == (1, 29)
    await joined(gql, cast.member, group_id=group_id)


async def test_leaving_a_group_you_are_not_in_is_refused(gql: GraphQLClient, cast: Cast, changes: Changes) -> None:
    group_id = await created_group(gql, cast.lead, access="OPEN")
    before = await changes.mark()
    result = await mutate(gql, "GroupLeave", cast.member.token, groupId=group_id)
    assert result["code"] == "NOT_A_MEMBER"
    assert await changes.since(before) == []


async def test_an_archived_group_takes_no_one_new(gql: GraphQLClient, cast: Cast, changes: Changes) -> None:
    group_id = await created_group(gql, cast.lead, access="OPEN")
    code = await invite_code(gql, cast.lead, group_id)
    archived = await mutate(gql, "GroupArchive", cast.lead.token, groupId=group_id)
    assert archived["group"]["archived"] is True
    before = await changes.mark()

    by_id = await mutate(gql, "GroupJoin", cast.member.token, groupId=group_id)
    by_code = await mutate(gql, "GroupJoin", cast.member.token, inviteCode=code)
    new_invite = await mutate(gql, "InviteCreate", cast.lead.token, groupId=group_id)

    assert by_id["errors"][0]["extensions"] == {"code": "NOT_FOUND"}  # archived groups leave discovery
    assert (by_code["code"], new_invite["code"]) == ("GROUP_ARCHIVED", "GROUP_ARCHIVED")
    assert await changes.since(before) == []


@pytest.mark.engine_contract  # concurrent joins: FerretDB applies a conditional update in two steps (F10)
async def test_simultaneous_joins_never_exceed_the_capacity(
    gql: GraphQLClient, auth_emulator: AuthEmulator, cast: Cast, db: Database
) -> None:
    group_id = await created_group(gql, cast.lead, access="OPEN", capacity=4)
    people = [await onboarded_member(gql, auth_emulator) for _ in range(10)]

    results = await asyncio.gather(
        *(gql(operation("GroupJoin"), {"input": {"groupId": group_id}}, token=p.token) for p in people)
    )

    outcomes = sorted(r["data"]["groupJoin"]["__typename"] for r in results)
    assert outcomes == ["GroupJoinError"] * 7 + ["GroupJoinSuccess"] * 3
    stored = await db.groups.find_one({"_id": group_id})
    assert stored is not None
    assert (stored["member_count"], stored["free_slots"]) == (4, 0)
    assert await db.memberships.count_documents({"group_id": group_id}) == 4
