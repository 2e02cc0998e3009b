"""Messages in a thread: 1 to 2,000 characters, once per client key (a retry never duplicates),
edited or deleted by their author within 15 minutes, seen per side, newest first in keyset pages;
every member's words screened (helplines in the same answer; high risk raises a safeguarding
alert and opens the thread to staff); a report goes to staff, never the leads; either side closes.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from infra.mongo.client import Database
from infra.settings import Settings
from tests.factories.frozen import FrozenApi, frozen_api
from tests.factories.outreach import OutreachCast, act, key, led_group, new_outreach_cast, said, screen, started, thread
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.changes import Changes

HIGH = "I want to kill myself"
CONCERN = "I feel hopeless and worthless"
NOON = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
async def cast(gql: GraphQLClient, auth_emulator: AuthEmulator) -> OutreachCast:
    return await new_outreach_cast(gql, auth_emulator)


async def _thread_with_sam(gql: GraphQLClient, cast: OutreachCast) -> tuple[str, str]:
    group_id = await led_group(gql, cast)
    opened = await started(gql, cast.lead, group_id, member=cast.sam, body="Hello Sam.")
    return group_id, opened["thread"]["id"]


async def test_a_retried_send_is_one_message_and_a_reused_key_is_refused(
    gql: GraphQLClient, db: Database, cast: OutreachCast, changes: Changes
) -> None:
    _, thread_id = await _thread_with_sam(gql, cast)
    client_key = key()
    send = {"threadId": thread_id, "body": "Thanks, I'm OK today.", "clientKey": client_key}

    first, retried = [await act(gql, "MessageSend", cast.sam, **send) for _ in range(2)]
    both = await asyncio.gather(*[act(gql, "MessageSend", cast.sam, **send) for _ in range(3)])

    ids = {first["threadMessage"]["id"], retried["threadMessage"]["id"], *(r["threadMessage"]["id"] for r in both)}
    assert len(ids) == 1
    assert await db.messages.count_documents({"thread_id": thread_id, "client_key": client_key}) == 1
    mark = await changes.mark()
    reused = await act(gql, "MessageSend", cast.sam, threadId=thread_id, body="Something else.", clientKey=client_key)
    assert (reused["code"], await changes.since(mark)) == ("CLIENT_KEY_REUSED", [])


async def test_a_late_retry_after_a_reply_leaves_the_thread_answered(
    gql: GraphQLClient, db: Database, cast: OutreachCast
) -> None:
    _, thread_id = await _thread_with_sam(gql, cast)
    send = {"threadId": thread_id, "body": "Are you there?", "clientKey": key()}
    first = await act(gql, "MessageSend", cast.sam, **send)
    await said(gql, cast.co_lead, thread_id, "Yes, here.")
    answered = await db.threads.find_one({"_id": thread_id})

    retried = await act(gql, "MessageSend", cast.sam, **send)  # the phone retries after a lost answer

    assert retried["threadMessage"]["id"] == first["threadMessage"]["id"]
    after = await db.threads.find_one({"_id": thread_id})
    assert answered is not None
    assert after is not None
    assert (after["waiting_since"], after["activity_at"]) == (None, answered["activity_at"])


async def test_words_are_checked_and_a_bad_message_changes_nothing(
    gql: GraphQLClient, cast: OutreachCast, changes: Changes
) -> None:
    _, thread_id = await _thread_with_sam(gql, cast)
    mark = await changes.mark()

    for body, code in (("   ", "BODY_LENGTH"), ("y" * 2_001, "BODY_LENGTH"), ("\x00", "BODY_CHARACTERS")):
        refused = await act(gql, "MessageSend", cast.sam, threadId=thread_id, body=body, clientKey=key())
        assert (refused["code"], refused["fieldErrors"][0]["field"]) == (code, "body")

    assert await changes.since(mark) == []
    longest = await act(gql, "MessageSend", cast.sam, threadId=thread_id, body="z" * 2_000, clientKey=key())
    assert longest["__typename"] == "MessageSendSuccess"


async def test_only_those_in_the_thread_read_or_write_in_it(
    gql: GraphQLClient, cast: OutreachCast, changes: Changes
) -> None:
    _, thread_id = await _thread_with_sam(gql, cast)
    mark = await changes.mark()

    for who in (cast.peer, cast.outsider, cast.staff, cast.admin):
        read = await screen(gql, who, thread_id)
        assert [e["extensions"]["code"] for e in read["errors"]] == ["NOT_FOUND"]
        written = await act(gql, "MessageSend", who, threadId=thread_id, body="Hi", clientKey=key())
        assert [e["extensions"]["code"] for e in written["errors"]] == ["NOT_FOUND"]
    assert await changes.since(mark) == []


async def test_each_side_sees_what_the_other_has_seen(gql: GraphQLClient, cast: OutreachCast) -> None:
    _, thread_id = await _thread_with_sam(gql, cast)
    assert (await thread(gql, cast.sam, thread_id))["unread"] is True

    marked = await act(gql, "ThreadMarkSeen", cast.sam, threadId=thread_id)
    assert (marked["__typename"], marked["thread"]["unread"]) == ("ThreadMarkSeenSuccess", False)
    from_lead = await thread(gql, cast.lead, thread_id)
    assert [(m["body"], m["seen"]) for m in from_lead["messages"]["nodes"]] == [("Hello Sam.", True)]

    await said(gql, cast.sam, thread_id, "Hi!")
    lead_view = await thread(gql, cast.co_lead, thread_id)  # the leadership's side is shared
    assert (lead_view["unread"], lead_view["messages"]["nodes"][0]["seen"]) == (True, False)
    await act(gql, "ThreadMarkSeen", cast.co_lead, threadId=thread_id)
    assert (await thread(gql, cast.lead, thread_id))["unread"] is False
    assert (await thread(gql, cast.sam, thread_id))["messages"]["nodes"][0]["seen"] is True


async def test_messages_come_newest_first_in_keyset_pages(gql: GraphQLClient, cast: OutreachCast) -> None:
    _, thread_id = await _thread_with_sam(gql, cast)
    for number in range(5):
        await said(gql, cast.sam, thread_id, f"Message {number}")

    first = (await screen(gql, cast.lead, thread_id, first=4))["data"]["thread"]["messages"]
    cursor = first["pageInfo"]["endCursor"]
    await said(gql, cast.lead, thread_id, "A reply while paging.")  # new ones do not shift the next page
    second = (await screen(gql, cast.lead, thread_id, first=4, after=cursor))["data"]["thread"]["messages"]

    assert [m["body"] for m in first["nodes"]] == ["Message 4", "Message 3", "Message 2", "Message 1"]
    assert first["pageInfo"]["hasNextPage"] is True
    assert [m["body"] for m in second["nodes"]] == ["Message 0", "Hello Sam."]
    assert second["pageInfo"]["hasNextPage"] is False


async def test_a_member_in_crisis_gets_helplines_in_the_same_answer_and_staff_an_alert(
    gql: GraphQLClient, db: Database, cast: OutreachCast
) -> None:
    _, thread_id = await _thread_with_sam(gql, cast)

    worried = await said(gql, cast.sam, thread_id, CONCERN)
    high = await said(gql, cast.sam, thread_id, HIGH)

    assert worried["signposting"]["level"] == "CONCERN"
    assert high["signposting"]["level"] == "HIGH"
    assert [r["id"] for r in high["signposting"]["resources"]][:1] == ["emergency-999"]
    alerts = await db.safeguarding_alerts.find({"source_kind": "message"}).to_list(None)
    assert [(a["source_id"], a["member_id"], a["level"]) for a in alerts] == [
        (high["threadMessage"]["id"], cast.sam.id, "high")
    ]
    staff_view = await thread(gql, cast.staff, thread_id)  # staff may now read it; the member is told
    assert staff_view["safeguardingCanRead"] is True
    assert "raised a concern" in (await thread(gql, cast.lead, thread_id))["header"]
    queue = await gql("query { safeguardingAlerts(first: 50) { nodes { sourceKind sourceId threadId } } }",
                      token=cast.staff.token)  # fmt: skip
    assert {"sourceKind": "MESSAGE", "sourceId": high["threadMessage"]["id"], "threadId": thread_id} in queue["data"][
        "safeguardingAlerts"
    ]["nodes"]


async def test_a_refused_message_in_crisis_words_still_brings_helplines(gql: GraphQLClient, cast: OutreachCast) -> None:
    _, thread_id = await _thread_with_sam(gql, cast)
    await act(gql, "ThreadClose", cast.lead, threadId=thread_id)

    refused = await act(gql, "MessageSend", cast.sam, threadId=thread_id, body=HIGH, clientKey=key())

    assert refused["code"] == "THREAD_CLOSED"
    assert refused["signposting"]["level"] == "HIGH"


async def test_a_report_goes_to_staff_and_never_to_the_leads(
    gql: GraphQLClient, db: Database, cast: OutreachCast
) -> None:
    _, thread_id = await _thread_with_sam(gql, cast)
    lead_message = (await thread(gql, cast.sam, thread_id))["messages"]["nodes"][0]
    before = await db.notifications.count_documents({"member_id": {"$in": [cast.lead.id, cast.co_lead.id]}})

    reported = await act(gql, "MessageReport", cast.sam, messageId=lead_message["id"], reason="BULLYING_OR_HARASSMENT",
                         note="This felt wrong.")  # fmt: skip
    again = await act(gql, "MessageReport", cast.sam, messageId=lead_message["id"], reason="SPAM")
    own = await act(gql, "MessageReport", cast.lead, messageId=lead_message["id"], reason="SPAM")

    assert reported["__typename"] == "MessageReportSuccess"
    assert (again["code"], own["code"]) == ("ALREADY_REPORTED", "OWN_MESSAGE")
    [alert] = await db.safeguarding_alerts.find({"source_kind": "message_report", "source_id": lead_message["id"]}
                                                ).to_list(None)  # fmt: skip
    assert (alert["member_id"], alert["level"]) == (cast.sam.id, "concern")
    [report] = await db.message_reports.find({"message_id": lead_message["id"]}).to_list(None)
    assert (report["reporter_member_id"], report["note"]) == (cast.sam.id, "This felt wrong.")
    assert await db.notifications.count_documents({"member_id": {"$in": [cast.lead.id, cast.co_lead.id]}}) == before
    assert (await thread(gql, cast.staff, thread_id))["viewerSide"] == "STAFF"


async def test_either_side_closes_and_nothing_more_is_said(gql: GraphQLClient, cast: OutreachCast) -> None:
    _, thread_id = await _thread_with_sam(gql, cast)

    closed = await act(gql, "ThreadClose", cast.co_lead, threadId=thread_id)
    closed_again = await act(gql, "ThreadClose", cast.sam, threadId=thread_id)

    assert (closed["thread"]["status"], closed["thread"]["ending"]) == ("CLOSED", "LEADERSHIP")
    assert closed_again["thread"]["ending"] == "LEADERSHIP"  # already closed: unchanged
    refused = await act(gql, "MessageSend", cast.sam, threadId=thread_id, body="Wait!", clientKey=key())
    assert refused["code"] == "THREAD_CLOSED"
    blocked_by_lead = await act(gql, "ThreadClose", cast.lead, threadId=thread_id, blockLeads=True)
    assert blocked_by_lead["code"] == "NOT_PERMITTED"


@pytest.fixture
async def frozen(settings: Settings, auth_emulator: AuthEmulator) -> AsyncIterator[tuple[FrozenApi, OutreachCast]]:
    async with frozen_api(settings, NOON) as api:
        yield api, await new_outreach_cast(api.gql, auth_emulator)


async def test_the_author_edits_or_deletes_within_fifteen_minutes_and_edits_are_screened(
    frozen: tuple[FrozenApi, OutreachCast],
) -> None:
    api, cast = frozen
    _, thread_id = await _thread_with_sam(api.gql, cast)
    first = (await said(api.gql, cast.sam, thread_id, "See you Thursday"))["threadMessage"]
    second = (await said(api.gql, cast.sam, thread_id, "Oops, wrong thread"))["threadMessage"]

    api.clock.advance(timedelta(minutes=14, seconds=59))
    edited = await act(api.gql, "MessageUpdate", cast.sam, messageId=first["id"], body=HIGH)
    assert (edited["threadMessage"]["body"], edited["signposting"]["level"]) == (HIGH, "HIGH")
    assert edited["threadMessage"]["editedAt"] is not None
    not_theirs = await act(api.gql, "MessageUpdate", cast.lead, messageId=first["id"], body="Mine now")
    assert not_theirs["code"] == "NOT_PERMITTED"
    deleted = await act(api.gql, "MessageDelete", cast.sam, messageId=second["id"])
    assert (deleted["threadMessage"]["deleted"], deleted["threadMessage"]["body"]) == (True, "")
    assert await api.db.safeguarding_alerts.count_documents({"source_id": first["id"]}) == 1

    api.clock.advance(timedelta(seconds=2))
    late = await act(api.gql, "MessageUpdate", cast.sam, messageId=first["id"], body="Fine now")
    assert late["code"] == "EDIT_WINDOW_CLOSED"
    gone = await act(api.gql, "MessageDelete", cast.sam, messageId=second["id"])
    assert gone["code"] == "NOT_EDITABLE"
    stored = await api.db.messages.find_one({"_id": second["id"]})
    assert stored is not None
    assert stored["body"] == ""
