"""Join requests: asking to join a closed group with a lead's request link, a lead's answer, and the
requester told either way. A closed group's id alone asks for nothing: outside the group it is
exactly like an id that names no group (issue 14, item 4).
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from redis.asyncio import Redis

from domain.groups.invites import hash_code
from infra.mongo.client import Database
from tests.factories.groups import (
    Cast,
    asked_to_join,
    created_group,
    invite_code,
    joined,
    mutate,
    operation,
    populated_group,
)
from tests.factories.members import onboarded_member, years_ago
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.changes import Changes


async def requested(gql: GraphQLClient, cast: Cast, group_id: str, message: str = "") -> dict[str, Any]:
    """The requester asks to join the lead's group, with a request link the lead made."""
    return await asked_to_join(gql, cast.requester, cast.lead, group_id, message=message)


async def uses_left(db: Database, code: str) -> int:
    invite = await db.invites.find_one({"code_hash": hash_code(code)})
    assert invite is not None
    left: int = invite["uses_left"]
    return left


async def test_a_request_waits_in_the_leads_queue(gql: GraphQLClient, cast: Cast, db: Database) -> None:
    group_id = await populated_group(gql, cast)

    request = await requested(gql, cast, group_id, message="  My mum died in May. ")

    assert (request["status"], request["message"], request["requesterName"]) == (
        "PENDING",
        "My mum died in May.",
        "Requester",
    )
    for leader in (cast.lead, cast.co_lead):
        queue = (await gql(operation("JoinRequests"), {"groupId": group_id}, token=leader.token))["data"]
        assert [r["id"] for r in queue["joinRequests"]["nodes"]] == [request["id"]]
    stored = await db.join_requests.find_one({"_id": request["id"]})
    assert stored is not None
    assert (stored["status"], stored["pending_key"]) == ("pending", f"{group_id}:{cast.requester.id}")


async def test_one_pending_request_at_a_time(gql: GraphQLClient, cast: Cast, changes: Changes) -> None:
    group_id = await created_group(gql, cast.lead)
    await requested(gql, cast, group_id)
    code = await invite_code(gql, cast.lead, group_id, asksLeads=True)
    before = await changes.mark()

    again = await mutate(gql, "JoinRequestCreate", cast.requester.token, inviteCode=code)

    assert again["code"] == "REQUEST_PENDING"
    assert await changes.since(before) == []  # not even a use of the code taken and given back


@pytest.mark.parametrize(
    ("who", "access", "message", "code"),
    [
        ("member", "CLOSED", "", "ALREADY_MEMBER"),
        ("requester", "OPEN", "", "GROUP_IS_OPEN"),
        ("requester", "CLOSED", "x" * 501, "MESSAGE_LENGTH"),
    ],
)
async def test_requests_that_make_no_sense_are_refused(
    gql: GraphQLClient, cast: Cast, changes: Changes, who: str, access: str, message: str, code: str
) -> None:
    group_id = await populated_group(gql, cast, access=access)
    link = await invite_code(gql, cast.lead, group_id, asksLeads=True)
    before = await changes.mark()
    result = await mutate(gql, "JoinRequestCreate", getattr(cast, who).token, inviteCode=link, message=message)
    assert result["code"] == code
    assert await changes.since(before) == []


async def test_an_approved_requester_joins_and_is_told(
    gql: GraphQLClient, cast: Cast, db: Database, broker: Redis
) -> None:
    group_id = await created_group(gql, cast.lead)
    request = await requested(gql, cast, group_id)
    queued = await broker.llen("celery")

    result = await mutate(gql, "JoinRequestDecide", cast.lead.token, requestId=request["id"], decision="APPROVE")

    assert result["joinRequest"]["status"] == "APPROVED"
    membership = await db.memberships.find_one({"group_id": group_id, "member_id": cast.requester.id})
    assert membership is not None
    assert membership["role"] == "member"
    notices = await db.notifications.find({"member_id": cast.requester.id, "params.groupId": group_id}).to_list(None)
    assert [(n["kind"], n["params"], n["dedupe_key"]) for n in notices] == [
        ("join_request_approved", {"groupId": group_id}, f"join_request_decided:{request['id']}")
    ]
    assert await broker.llen("celery") == queued + 1
    stored = await db.join_requests.find_one({"_id": request["id"]})
    assert stored is not None
    assert (stored["status"], stored["decided_by"], stored["pending_key"]) == ("approved", cast.lead.id, request["id"])


async def test_a_declined_requester_is_told_and_may_ask_again(
    gql: GraphQLClient, cast: Cast, db: Database, broker: Redis
) -> None:
    group_id = await created_group(gql, cast.lead)
    request = await requested(gql, cast, group_id)
    queued = await broker.llen("celery")

    result = await mutate(gql, "JoinRequestDecide", cast.lead.token, requestId=request["id"], decision="DECLINE")

    assert result["joinRequest"]["status"] == "DECLINED"
    assert await db.memberships.count_documents({"group_id": group_id, "member_id": cast.requester.id}) == 0
    notices = await db.notifications.find({"member_id": cast.requester.id, "params.groupId": group_id}).to_list(None)
    assert [n["kind"] for n in notices] == ["join_request_declined"]
    assert await broker.llen("celery") == queued + 1
    await requested(gql, cast, group_id)


async def test_deciding_twice_is_refused_and_tells_no_one_twice(
    gql: GraphQLClient, cast: Cast, changes: Changes
) -> None:
    group_id = await populated_group(gql, cast)
    request = await requested(gql, cast, group_id)
    await mutate(gql, "JoinRequestDecide", cast.lead.token, requestId=request["id"], decision="DECLINE")
    before = await changes.mark()

    again = await mutate(gql, "JoinRequestDecide", cast.co_lead.token, requestId=request["id"], decision="APPROVE")

    assert again["code"] == "REQUEST_ALREADY_DECIDED"
    assert await changes.since(before) == []


async def test_approving_into_a_full_group_leaves_the_request_pending(
    gql: GraphQLClient, cast: Cast, changes: Changes
) -> None:
    group_id = await created_group(gql, cast.lead, capacity=2, access="OPEN")
    await joined(gql, cast.member, group_id=group_id)
    await mutate(gql, "GroupUpdate", cast.lead.token, groupId=group_id, access="CLOSED")
    request = await requested(gql, cast, group_id)
    before = await changes.mark()

    result = await mutate(gql, "JoinRequestDecide", cast.lead.token, requestId=request["id"], decision="APPROVE")

    assert result["code"] == "GROUP_FULL"
    assert await changes.since(before) == []


async def test_an_under_18_given_a_link_to_an_adults_group_is_told_it_is_not_for_them(
    gql: GraphQLClient, auth_emulator: AuthEmulator, cast: Cast, changes: Changes
) -> None:
    group_id = await created_group(gql, cast.lead)
    young = await onboarded_member(gql, auth_emulator, dateOfBirth=years_ago(17).isoformat())
    link = await invite_code(gql, cast.lead, group_id, asksLeads=True)
    before = await changes.mark()

    result = await mutate(gql, "JoinRequestCreate", young.token, inviteCode=link)

    assert (result["__typename"], result["code"]) == ("JoinRequestCreateError", "AGE_NOT_ALLOWED")
    assert await changes.since(before) == []


async def test_a_closed_group_s_id_is_no_way_in_and_answers_as_a_random_one_does(
    gql: GraphQLClient, cast: Cast, changes: Changes
) -> None:
    # Given a closed group the outsider has heard the id of
    group_id = await created_group(gql, cast.lead)
    before = await changes.mark()

    # When they try it, and a random id, as the code to ask with and to join with, and as the group to join
    answers = [
        await gql(operation(name), {"input": {field: value}}, token=cast.outsider.token)
        for value in (group_id, str(uuid.uuid4()))
        for name, field in (("JoinRequestCreate", "inviteCode"), ("GroupJoin", "inviteCode"), ("GroupJoin", "groupId"))
    ]

    # Then the group's id gets exactly what a random id gets, on every path, and nothing was written
    assert answers[:3] == answers[3:]
    codes = [next(iter(body["data"].values()))["code"] if body.get("data") else body["errors"][0]["extensions"]["code"]
             for body in answers[:3]]  # fmt: skip
    assert codes == ["INVITE_INVALID", "INVITE_INVALID", "NOT_FOUND"]
    assert await changes.since(before) == []


async def test_a_request_link_lets_its_holder_ask_and_not_join(
    gql: GraphQLClient, cast: Cast, db: Database, changes: Changes
) -> None:
    # Given a request link for two people
    group_id = await created_group(gql, cast.lead)
    link = await mutate(gql, "InviteCreate", cast.lead.token, groupId=group_id, maxUses=2, asksLeads=True)
    assert link["invite"]["asksLeads"] is True
    code = link["inviteCode"]
    before = await changes.mark()

    # When its holder tries to join with it
    joining = await mutate(gql, "GroupJoin", cast.requester.token, inviteCode=code)

    # Then they are told to ask, and nothing changed (not even its uses)
    assert (joining["__typename"], joining["code"]) == ("GroupJoinError", "APPROVAL_NEEDED")
    assert await changes.since(before) == []

    # And asking takes one of its uses and waits for a lead
    asked = await mutate(gql, "JoinRequestCreate", cast.requester.token, inviteCode=code, message="Hello")
    assert (asked["joinRequest"]["status"], await uses_left(db, code)) == ("PENDING", 1)
    assert await db.memberships.count_documents({"group_id": group_id, "member_id": cast.requester.id}) == 0


async def test_the_requester_cannot_decide_their_own_request(gql: GraphQLClient, cast: Cast, changes: Changes) -> None:
    group_id = await created_group(gql, cast.lead)
    request = await requested(gql, cast, group_id)
    before = await changes.mark()

    result = await mutate(gql, "JoinRequestDecide", cast.requester.token, requestId=request["id"], decision="APPROVE")

    assert (result["__typename"], result["code"]) == ("JoinRequestDecideError", "NOT_PERMITTED")
    assert await changes.since(before) == []


async def test_archiving_a_group_tells_everyone_still_waiting(
    gql: GraphQLClient, cast: Cast, db: Database, broker: Redis
) -> None:
    group_id = await created_group(gql, cast.lead)
    waiting = [await asked_to_join(gql, person, cast.lead, group_id) for person in (cast.requester, cast.outsider)]
    queued = await broker.llen("celery")

    await mutate(gql, "GroupArchive", cast.lead.token, groupId=group_id)

    stored = await db.join_requests.find({"group_id": group_id}).sort("created_at").to_list(None)
    assert [(r["_id"], r["status"], r["pending_key"]) for r in stored] == [
        (w["id"], "declined", w["id"]) for w in waiting
    ]
    notices = await db.notifications.find({"params.groupId": group_id}).sort("created_at").to_list(None)
    assert sorted((n["member_id"], n["kind"]) for n in notices) == sorted(
        [(cast.requester.id, "join_request_declined"), (cast.outsider.id, "join_request_declined")]
    )
    assert await broker.llen("celery") == queued + 2
