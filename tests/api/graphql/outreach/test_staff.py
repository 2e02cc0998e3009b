"""Staff reaching out: safeguarding staff start a conversation with the member behind an alert, or
behind anonymous words after an approved break-glass reveal (its approver alone, with the member
the approval named). The thread is the member's and staff's only: the group's leads never see it,
the member sees it comes from the safeguarding team, and the member's preferences do not stop it.
"""

from __future__ import annotations

from typing import Any

import pytest

from infra.mongo.client import Database
from tests.factories.devices import preferences_set
from tests.factories.groups import invite_code, joined
from tests.factories.outreach import OutreachCast, act, key, led_group, new_outreach_cast, screen, thread
from tests.factories.shares import backdate_memberships, shared
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.changes import Changes

HIGH = "I want to kill myself"


@pytest.fixture(scope="module")
async def cast(gql: GraphQLClient, auth_emulator: AuthEmulator) -> OutreachCast:
    return await new_outreach_cast(gql, auth_emulator)


async def _established_group(gql: GraphQLClient, db: Database, cast: OutreachCast) -> str:
    """Five members of over a week: anonymous sharing is open."""
    group_id = await led_group(gql, cast)
    await joined(gql, cast.outsider, code=await invite_code(gql, cast.lead, group_id))
    await backdate_memberships(db, group_id)
    return group_id


async def _named_alert(gql: GraphQLClient, db: Database, cast: OutreachCast, group_id: str) -> str:
    named = await shared(gql, cast.sam, group_id, HIGH, anonymous=False)
    alert = await db.safeguarding_alerts.find_one({"source_id": named["id"]})
    assert alert is not None
    assert alert["member_id"] == cast.sam.id
    alert_id: str = alert["_id"]
    return alert_id


async def _reach(gql: GraphQLClient, staff: Any, **basis: Any) -> dict[str, Any]:
    return await act(gql, "StaffThreadStart", staff, body="We saw your words. We're here.", clientKey=key(), **basis)


async def test_staff_reach_the_member_behind_an_alert_whatever_their_preferences(
    gql: GraphQLClient, db: Database, cast: OutreachCast
) -> None:
    group_id = await _established_group(gql, db, cast)
    alert_id = await _named_alert(gql, db, cast, group_id)
    await preferences_set(gql, cast.sam, leadsMayMessageMe=False)
    try:
        started = await _reach(gql, cast.staff, alertId=alert_id)
    finally:
        await preferences_set(gql, cast.sam, leadsMayMessageMe=True)

    assert started["__typename"] == "StaffThreadStartSuccess", started
    thread_id = started["thread"]["id"]
    assert (started["thread"]["kind"], started["thread"]["groupId"], started["threadMessage"]["from"]) == (
        "STAFF", None, "STAFF",
    )  # fmt: skip
    # Sam sees it comes from the safeguarding team (no staff member's name), in Welsh
    mine = await thread(gql, cast.sam, thread_id)
    assert mine["header"] == "Mae'r sgwrs hon gyda thîm diogelu'r gwasanaeth. Dim ond chi a'r tîm sy'n gallu ei gweld."
    assert [(m["from"], m["authorName"]) for m in mine["messages"]["nodes"]] == [("STAFF", None)]
    # The other safeguarding staff share it; the group's leads never see it
    assert (await thread(gql, cast.staff_two, thread_id))["viewerSide"] == "STAFF"
    for lead in (cast.lead, cast.co_lead):
        assert [e["extensions"]["code"] for e in (await screen(gql, lead, thread_id))["errors"]] == ["NOT_FOUND"]
    stored = await db.threads.find_one({"_id": thread_id})
    assert stored is not None
    assert (stored["staff_basis"], stored["group_id"]) == (f"alert:{alert_id}", None)
    # Sam can answer, and close it
    answer = await act(gql, "MessageSend", cast.sam, threadId=thread_id, body="Thank you.", clientKey=key())
    assert answer["__typename"] == "MessageSendSuccess"
    closed = await act(gql, "ThreadClose", cast.sam, threadId=thread_id)
    assert closed["thread"]["ending"] == "MEMBER"


async def test_anonymous_words_need_break_glass_and_only_its_approver_reaches_the_author(
    gql: GraphQLClient, db: Database, cast: OutreachCast, changes: Changes
) -> None:
    group_id = await _established_group(gql, db, cast)
    share = await shared(gql, cast.peer, group_id, HIGH)
    alert = await db.safeguarding_alerts.find_one({"source_id": share["id"]})
    assert alert is not None
    mark = await changes.mark()
    assert (await _reach(gql, cast.staff, alertId=alert["_id"]))["code"] == "ALERT_WITHOUT_MEMBER"

    requested = await act(gql, "AuthorRevealRequest", cast.staff, targetKind="SHARE", targetId=share["id"],
                          reason="RISK_TO_LIFE", justification="A plan, tonight.")  # fmt: skip
    request_id = requested["request"]["id"]
    assert (await _reach(gql, cast.staff_two, revealRequestId=request_id, memberId=cast.peer.id))["code"] == (
        "REVEAL_NOT_APPROVED"
    )
    approved = await act(gql, "AuthorRevealApprove", cast.staff_two, requestId=request_id)
    assert approved["memberId"] == cast.peer.id
    before_reach = await changes.mark()

    # The requester holds the request's id but not the answer: they cannot test guesses against it
    assert (await _reach(gql, cast.staff, revealRequestId=request_id, memberId=cast.peer.id))["code"] == (
        "NOT_THE_APPROVER"
    )
    wrong = await _reach(gql, cast.staff_two, revealRequestId=request_id, memberId=cast.sam.id)
    assert (wrong["code"], [e["field"] for e in wrong["fieldErrors"]]) == ("NOT_THE_AUTHOR", ["memberId"])
    assert await changes.since(before_reach) == []
    reached = await _reach(gql, cast.staff_two, revealRequestId=request_id, memberId=cast.peer.id)
    assert reached["__typename"] == "StaffThreadStartSuccess", reached
    assert reached["thread"]["memberId"] == cast.peer.id
    written = [change for change in await changes.since(mark) if change.startswith("threads")]
    assert written == ["threads: insert 1", "threads: update 1"]  # the one thread, opened and its first message


@pytest.mark.parametrize(("who", "code"), [("lead", "FORBIDDEN"), ("admin", "FORBIDDEN"), ("sam", "FORBIDDEN")])
async def test_only_safeguarding_staff_start_one_and_nothing_is_written_otherwise(
    gql: GraphQLClient, db: Database, cast: OutreachCast, changes: Changes, who: str, code: str
) -> None:
    group_id = await led_group(gql, cast)
    alert_id = await _named_alert(gql, db, cast, group_id)
    mark = await changes.mark()

    body = await _reach(gql, getattr(cast, who), alertId=alert_id)

    assert [e["extensions"]["code"] for e in body["errors"]] == [code]
    assert await changes.since(mark) == []


async def test_a_staff_thread_needs_one_basis(gql: GraphQLClient, cast: OutreachCast, changes: Changes) -> None:
    mark = await changes.mark()

    neither = await _reach(gql, cast.staff)

    assert (neither["code"], [e["field"] for e in neither["fieldErrors"]]) == ("BASIS_REQUIRED", ["alertId"])
    assert await changes.since(mark) == []
