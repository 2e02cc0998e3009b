"""Join requests: asking to join a closed group, a lead's answer, and the requester told either way."""

from __future__ import annotations

from typing import Any

import pytest
from redis.asyncio import Redis

from infra.mongo.client import Database
from tests.factories.groups import Cast, created_group, joined, mutate, operation, populated_group
from tests.factories.members import TestMember as Person
from tests.factories.members import onboarded_member, years_ago
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.changes import Changes


async def requested(gql: GraphQLClient, person: Person, group_id: str, message: str = "") -> dict[str, Any]:
    result = await mutate(gql, "JoinRequestCreate", person.token, groupId=group_id, message=message)
    assert result["__typename"] == "JoinRequestCreateSuccess", result
    request: dict[str, Any] = result["joinRequest"]
    return request


async def test_a_request_waits_in_the_leads_queue(gql: GraphQLClient, cast: Cast, db: Database) -> None:
    group_id = await populated_group(gql, cast)

    request = await requested(gql, cast.requester, group_id, message="  My mum died in May. ")

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
    await requested(gql, cast.requester, group_id)
    before = await changes.mark()

    again = await mutate(gql, "JoinRequestCreate", cast.requester.token, groupId=group_id)

    assert again["code"] == "REQUEST_PENDING"
    assert await changes.since(before) == []


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
    before = await changes.mark()
    result = await mutate(gql, "JoinRequestCreate", getattr(cast, who).token, groupId=group_id, message=message)
    assert result["code"] == code
    assert await changes.since(before) == []


async def test_an_approved_requester_joins_and_is_told(
    gql: GraphQLClient, cast: Cast, db: Database, broker: Redis
) -> None:
    group_id = await created_group(gql, cast.lead)
    request = await requested(gql, cast.requester, group_id)
    queued = await broker.llen("celery")

    result = await mutate(gql, "JoinRequestDecide", cast.lead.token, requestId=request["id"], decision="APPROVE")

    assert result["joinRequest"]["status"] == "APPROVED"
    membership = await db.memberships.find_one({"group_id": group_id, "member_id": cast.requester.id})
    assert membership is not None
    assert membership["role"] == "member"
    notices = await db.notifications.find({"member_id": cast.requester.id, "params.group_id": group_id}).to_list(None)
    assert [(n["kind"], n["params"], n["dedupe_key"]) for n in notices] == [
        ("join_request_approved", {"group_id": group_id}, f"join_request_decided:{request['id']}")
    ]
    assert await broker.llen("celery") == queued + 1
    stored = await db.join_requests.find_one({"_id": request["id"]})
    assert stored is not None
    assert (stored["status"], stored["decided_by"], stored["pending_key"]) == ("approved", cast.lead.id, request["id"])


async def test_a_declined_requester_is_told_and_may_ask_again(
    gql: GraphQLClient, cast: Cast, db: Database, broker: Redis
) -> None:
    group_id = await created_group(gql, cast.lead)
    request = await requested(gql, cast.requester, group_id)
    queued = await broker.llen("celery")

    result = await mutate(gql, "JoinRequestDecide", cast.lead.token, requestId=request["id"], decision="DECLINE")

    assert result["joinRequest"]["status"] == "DECLINED"
    assert await db.memberships.count_documents({"group_id": group_id, "member_id": cast.requester.id}) == 0
    notices = await db.notifications.find({"member_id": cast.requester.id, "params.group_id": group_id}).to_list(None)
    assert [n["kind"] for n in notices] == ["join_request_declined"]
    assert await broker.llen("celery") == queued + 1
    await requested(gql, cast.requester, group_id)


async def test_deciding_twice_is_refused_and_tells_no_one_twice(
    gql: GraphQLClient, cast: Cast, changes: Changes
) -> None:
    group_id = await populated_group(gql, cast)
    request = await requested(gql, cast.requester, group_id)
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
    request = await requested(gql, cast.requester, group_id)
    before = await changes.mark()

    result = await mutate(gql, "JoinRequestDecide", cast.lead.token, requestId=request["id"], decision="APPROVE")

    assert result["code"] == "GROUP_FULL"
    assert await changes.since(before) == []


async def test_a_closed_group_an_under_18_could_never_join_is_not_there_for_them(
    gql: GraphQLClient, auth_emulator: AuthEmulator, cast: Cast, changes: Changes
) -> None:
    group_id = await created_group(gql, cast.lead)
    young = await onboarded_member(gql, auth_emulator, dateOfBirth=years_ago(17).isoformat())
    before = await changes.mark()

    result = await mutate(gql, "JoinRequestCreate", young.token, groupId=group_id)

    assert result["errors"][0]["extensions"] == {"code": "NOT_FOUND"}
    assert await changes.since(before) == []


async def test_the_requester_cannot_decide_their_own_request(gql: GraphQLClient, cast: Cast, changes: Changes) -> None:
    group_id = await created_group(gql, cast.lead)
    request = await requested(gql, cast.requester, group_id)
    before = await changes.mark()

    result = await mutate(gql, "JoinRequestDecide", cast.requester.token, requestId=request["id"], decision="APPROVE")

    assert result["errors"][0]["extensions"] == {"code": "FORBIDDEN"}
    assert await changes.since(before) == []


async def test_archiving_a_group_tells_everyone_still_waiting(
    gql: GraphQLClient, cast: Cast, db: Database, broker: Redis
) -> None:
    group_id = await created_group(gql, cast.lead)
    waiting = [await requested(gql, person, group_id) for person in (cast.requester, cast.outsider)]
    queued = await broker.llen("celery")

    await mutate(gql, "GroupArchive", cast.lead.token, groupId=group_id)

    stored = await db.join_requests.find({"group_id": group_id}).sort("created_at").to_list(None)
    assert [(r["_id"], r["status"], r["pending_key"]) for r in stored] == [
        (w["id"], "declined", w["id"]) for w in waiting
    ]
    notices = await db.notifications.find({"params.group_id": group_id}).sort("created_at").to_list(None)
    assert sorted((n["member_id"], n["kind"]) for n in notices) == sorted(
        [(cast.requester.id, "join_request_declined"), (cast.outsider.id, "join_request_declined")]
    )
    assert await broker.llen("celery") == queued + 2
