"""Starting a conversation, each way the service allows: a lead or co-lead with a member (with an
opener in the member's language), the member with their group's leads, supportRequest with the
member's words. Consent (leadsMayMessageMe, off for under-18s; a block), the under-18 rules (staff
can read, and the member is told), and the shared inbox: a co-lead sees and answers what the lead
started. A refusal writes nothing and enqueues nothing.
"""

from __future__ import annotations

from typing import Any

import pytest

from domain.outreach import Opener, opener_text
from infra.mongo.client import Database
from schemas.documents.members import Language
from tests.factories.devices import preferences_set
from tests.factories.outreach import OutreachCast, act, key, led_group, new_outreach_cast, started, thread, youth_group
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.changes import Changes


@pytest.fixture(scope="module")
async def cast(gql: GraphQLClient, auth_emulator: AuthEmulator) -> OutreachCast:
    return await new_outreach_cast(gql, auth_emulator)


async def test_a_lead_starts_with_an_opener_that_arrives_in_the_members_language(
    gql: GraphQLClient, db: Database, cast: OutreachCast
) -> None:
    group_id = await led_group(gql, cast)

    result = await started(gql, cast.lead, group_id, member=cast.sam, opener="WE_MISSED_YOU")

    welsh = opener_text(Opener.WE_MISSED_YOU, Language.CY)
    assert result["alreadyOpen"] is False
    assert result["signposting"] is None
    message = result["threadMessage"]
    assert (message["body"], message["from"], message["mine"], message["authorName"], message["seen"]) == (
        welsh, "LEADERSHIP", True, "Lee", False,
    )  # fmt: skip
    header = result["thread"]
    assert (header["kind"], header["status"], header["startedBy"], header["viewerSide"], header["memberName"]) == (
        "GROUP", "OPEN", "LEADERSHIP", "LEADERSHIP", "Sam",
    )  # fmt: skip
    assert header["safeguardingCanRead"] is False
    stored = await db.threads.find_one({"_id": header["id"]})
    assert stored is not None
    assert (stored["member_id"], stored["group_id"], stored["opened_by"], stored["team_writers"]) == (
        cast.sam.id, group_id, cast.lead.id, [cast.lead.id],
    )  # fmt: skip
    # Sam sees it from the member's side, in Welsh, from the group's leads
    mine = await thread(gql, cast.sam, header["id"])
    assert (mine["viewerSide"], mine["groupId"], mine["unread"], mine["canWrite"]) == ("MEMBER", group_id, True, True)
    assert mine["header"].startswith("Mae arweinwyr a chyd-arweinwyr eich grŵp i gyd yn gweld y sgwrs hon")
    [bubble] = mine["messages"]["nodes"]
    assert (bubble["body"], bubble["mine"], bubble["authorName"]) == (welsh, False, "Lee")


async def test_the_member_writes_to_the_groups_leads_and_a_co_lead_answers_what_the_lead_sees(
    gql: GraphQLClient, cast: OutreachCast
) -> None:
    group_id = await led_group(gql, cast)
    first = await started(gql, cast.sam, group_id, body="Could someone give me a ring this week?")
    thread_id = first["thread"]["id"]
    assert (first["thread"]["viewerSide"], first["thread"]["startedBy"]) == ("MEMBER", "MEMBER")

    # The co-lead answers in the same thread (the shared inbox), then the lead sees both
    answer = await act(gql, "MessageSend", cast.co_lead, threadId=thread_id, body="Of course, Sam.", clientKey=key())
    assert answer["__typename"] == "MessageSendSuccess", answer
    seen_by_lead = await thread(gql, cast.lead, thread_id)
    assert [(m["body"], m["from"], m["authorName"]) for m in seen_by_lead["messages"]["nodes"]] == [
        ("Of course, Sam.", "LEADERSHIP", "Cari"),
        ("Could someone give me a ring this week?", "MEMBER", "Sam"),
    ]
    assert seen_by_lead["waitingSince"] is None  # answered

    # A lead starting with Sam now adds to the same thread: one per member and group
    again = await started(gql, cast.lead, group_id, member=cast.sam, body="I'll call on Thursday.")
    assert (again["thread"]["id"], again["alreadyOpen"]) == (thread_id, True)


async def test_a_lead_can_start_a_thread_a_co_lead_then_sees_in_the_groups_inbox(
    gql: GraphQLClient, cast: OutreachCast
) -> None:
    group_id = await led_group(gql, cast)
    opened = await started(gql, cast.lead, group_id, member=cast.sam, body="Thinking of you.")

    inbox = await gql(
        "query($g: ID!) { groupThreads(groupId: $g) { nodes { id memberName viewerSide } } }", {"g": group_id},
        token=cast.co_lead.token,
    )  # fmt: skip
    assert inbox["data"]["groupThreads"]["nodes"] == [
        {"id": opened["thread"]["id"], "memberName": "Sam", "viewerSide": "LEADERSHIP"}
    ]
    for outsider in (cast.peer, cast.outsider):
        body = await gql("query($g: ID!) { groupThreads(groupId: $g) { nodes { id } } }", {"g": group_id},
                         token=outsider.token)  # fmt: skip
        assert [e["extensions"]["code"] for e in body["errors"]] == (
            ["FORBIDDEN"] if outsider is cast.peer else ["NOT_FOUND"]
        )


async def test_support_request_opens_the_thread_with_the_members_words_and_tells_the_leads(
    gql: GraphQLClient, db: Database, cast: OutreachCast
) -> None:
    group_id = await led_group(gql, cast)

    result = await act(
        gql, "SupportRequest", cast.sam, groupId=group_id, message="Having a rough week.", clientKey=key()
    )

    assert result["__typename"] == "SupportRequestSuccess", result
    assert result["leadersTold"] == 1
    thread_id = result["thread"]["id"]
    assert result["threadMessage"]["body"] == "Having a rough week."
    [told] = await db.notifications.find({"kind": "support_request"}).to_list(None)
    assert (told["member_id"], told["params"]) == (
        cast.lead.id, {"memberId": cast.sam.id, "groupId": group_id, "threadId": thread_id},
    )  # fmt: skip
    # The support request is the leads' one push: no second "new message" for the words in it
    assert await db.notifications.count_documents({"kind": "thread_message", "params.threadId": thread_id}) == 0
    stored = await db.threads.find_one({"_id": thread_id})
    assert stored is not None
    assert stored["waiting_since"] is not None


async def test_support_request_without_words_still_opens_a_waiting_thread(
    gql: GraphQLClient, db: Database, cast: OutreachCast
) -> None:
    group_id = await led_group(gql, cast)

    result = await act(gql, "SupportRequest", cast.sam, groupId=group_id)

    assert (result["__typename"], result["threadMessage"]) == ("SupportRequestSuccess", None)
    stored = await db.threads.find_one({"_id": result["thread"]["id"]})
    assert stored is not None
    assert stored["waiting_since"] == stored["created_at"]
    assert await db.messages.count_documents({"thread_id": stored["_id"]}) == 0


async def test_a_member_who_turned_leads_messages_off_cannot_be_started_with_but_can_start(
    gql: GraphQLClient, db: Database, cast: OutreachCast, changes: Changes
) -> None:
    group_id = await led_group(gql, cast)
    await preferences_set(gql, cast.peer, leadsMayMessageMe=False)
    try:
        mark = await changes.mark()
        refused = await act(gql, "ThreadStart", cast.lead, groupId=group_id, memberId=cast.peer.id, body="Hi",
                            clientKey=key())  # fmt: skip
        assert (refused["__typename"], refused["code"]) == ("ThreadStartError", "NOT_ACCEPTING")
        assert await changes.since(mark) == []

        # The member can still write to the leads, and the leads answer in that thread
        mine = await started(gql, cast.peer, group_id, body="It's me who wanted to talk.")
        answer = await act(gql, "MessageSend", cast.lead, threadId=mine["thread"]["id"], body="Hello!", clientKey=key())
        assert answer["__typename"] == "MessageSendSuccess"
    finally:
        await preferences_set(gql, cast.peer, leadsMayMessageMe=True)


async def test_a_block_stops_a_groups_leads_starting_until_lifted(
    gql: GraphQLClient, cast: OutreachCast, changes: Changes
) -> None:
    group_id = await led_group(gql, cast)
    opened = await started(gql, cast.lead, group_id, member=cast.sam)

    closed = await act(gql, "ThreadClose", cast.sam, threadId=opened["thread"]["id"], blockLeads=True)
    assert closed["__typename"] == "ThreadCloseSuccess"
    assert (closed["thread"]["status"], closed["thread"]["ending"]) == ("CLOSED", "MEMBER")
    mark = await changes.mark()
    refused = await act(gql, "ThreadStart", cast.co_lead, groupId=group_id, memberId=cast.sam.id, body="Hi",
                        clientKey=key())  # fmt: skip
    assert refused["code"] == "NOT_ACCEPTING"
    assert await changes.since(mark) == []

    lifted = await act(gql, "LeadsBlockSet", cast.sam, groupId=group_id, blocked=False)
    assert lifted == {"__typename": "LeadsBlockSetSuccess", "groupId": group_id, "blocked": False}
    again = await started(gql, cast.co_lead, group_id, member=cast.sam)
    assert again["alreadyOpen"] is False  # a new thread: the closed one freed its place
    assert again["thread"]["id"] != opened["thread"]["id"]


async def test_under_18s_are_off_by_default_can_turn_it_on_and_their_threads_are_open_to_staff(
    gql: GraphQLClient, db: Database, cast: OutreachCast
) -> None:
    group_id = await youth_group(gql, cast)
    prefs = await gql("query { notificationPreferences { leadsMayMessageMe } }", token=cast.young.token)
    assert prefs["data"]["notificationPreferences"] == {"leadsMayMessageMe": False}
    refused = await act(gql, "ThreadStart", cast.lead, groupId=group_id, memberId=cast.young.id, body="Hi",
                        clientKey=key())  # fmt: skip
    assert refused["code"] == "NOT_ACCEPTING"

    await preferences_set(gql, cast.young, leadsMayMessageMe=True)
    opened = await started(gql, cast.lead, group_id, member=cast.young, body="Hi Jo, how did the exam go?")

    young_view = await thread(gql, cast.young, opened["thread"]["id"])
    assert young_view["safeguardingCanRead"] is True
    assert "can also read this conversation, as they can every conversation in a youth group or with someone " \
        "under 18" in young_view["header"]  # fmt: skip
    staff_view = await thread(gql, cast.staff, opened["thread"]["id"])
    assert (staff_view["viewerSide"], staff_view["canWrite"]) == ("STAFF", False)
    assert [m["body"] for m in staff_view["messages"]["nodes"]] == ["Hi Jo, how did the exam go?"]
    listed = await gql("query { safeguardingThreads(first: 100) { nodes { id } } }", token=cast.staff.token)
    assert opened["thread"]["id"] in [n["id"] for n in listed["data"]["safeguardingThreads"]["nodes"]]
    # Staff watch over it; they do not write in it, and their reading marks nothing seen
    staff_says = await act(gql, "MessageSend", cast.staff, threadId=opened["thread"]["id"], body="Hi", clientKey=key())
    assert staff_says["code"] == "NOT_PERMITTED"
    stored = await db.threads.find_one({"_id": opened["thread"]["id"]})
    assert stored is not None
    assert stored["safeguarding_visible"] is True


async def test_a_thread_with_an_adult_in_an_ordinary_group_is_not_open_to_staff(
    gql: GraphQLClient, cast: OutreachCast
) -> None:
    group_id = await led_group(gql, cast)
    opened = await started(gql, cast.lead, group_id, member=cast.sam)

    body = await gql("query($id: ID!) { thread(id: $id) { id } }", {"id": opened["thread"]["id"]},
                     token=cast.staff.token)  # fmt: skip

    assert [e["extensions"]["code"] for e in body["errors"]] == ["NOT_FOUND"]


@pytest.mark.parametrize(
    ("who", "target", "code"),
    [
        ("peer", "sam", "NOT_PERMITTED"),  # no member-to-member messages
        ("lead", "co_lead", "LEADER_TARGET"),
        ("lead", "lead", "LEADER_TARGET"),
        ("lead", "outsider", "NOT_A_MEMBER"),
        ("outsider", "sam", "NOT_FOUND"),
        ("admin", "sam", "NOT_PERMITTED"),
    ],
)
async def test_refused_starts_write_nothing(
    gql: GraphQLClient, cast: OutreachCast, changes: Changes, who: str, target: str, code: str
) -> None:
    group_id = await led_group(gql, cast)
    mark = await changes.mark()

    result = await act(gql, "ThreadStart", getattr(cast, who), groupId=group_id,
                       memberId=getattr(cast, target).id, body="Hi", clientKey=key())  # fmt: skip

    assert _code(result) == code
    assert await changes.since(mark) == []


@pytest.mark.parametrize(
    ("input_", "code", "field"),
    [
        ({"body": ""}, "BODY_LENGTH", "body"),
        ({"body": "x" * 2_001}, "BODY_LENGTH", "body"),
        ({"body": "bell\x07"}, "BODY_CHARACTERS", "body"),
        ({"body": "Hi", "clientKey": "short"}, "CLIENT_KEY_INVALID", "clientKey"),
    ],
)
async def test_bad_first_messages_are_typed_errors_and_start_nothing(
    gql: GraphQLClient, cast: OutreachCast, changes: Changes, input_: dict[str, Any], code: str, field: str
) -> None:
    group_id = await led_group(gql, cast)
    mark = await changes.mark()

    result = await act(gql, "ThreadStart", cast.lead, groupId=group_id, memberId=cast.sam.id,
                       **({"clientKey": key()} | input_))  # fmt: skip

    assert (result["code"], [e["field"] for e in result["fieldErrors"]]) == (code, [field])
    assert await changes.since(mark) == []


async def test_an_archived_groups_threads_end_and_none_can_start(gql: GraphQLClient, cast: OutreachCast) -> None:
    group_id = await led_group(gql, cast)
    opened = await started(gql, cast.lead, group_id, member=cast.sam)

    archived = await act(gql, "GroupArchive", cast.lead, groupId=group_id)
    assert archived["__typename"] == "GroupArchiveSuccess"

    ended = await thread(gql, cast.sam, opened["thread"]["id"])
    assert (ended["status"], ended["ending"], ended["canWrite"]) == ("CLOSED", "GROUP_ARCHIVED", False)
    assert ended["header"].startswith("Mae'r sgwrs hon wedi dod i ben.")
    refused = await act(gql, "ThreadStart", cast.sam, groupId=group_id, body="Hi", clientKey=key())
    assert refused["code"] == "GROUP_ARCHIVED"


async def test_leaving_the_group_ends_the_members_thread(gql: GraphQLClient, cast: OutreachCast) -> None:
    group_id = await led_group(gql, cast)
    opened = await started(gql, cast.peer, group_id, body="Before I go...")

    left = await act(gql, "GroupLeave", cast.peer, groupId=group_id)
    assert left["__typename"] == "GroupLeaveSuccess"

    seen_by_lead = await thread(gql, cast.lead, opened["thread"]["id"])
    assert (seen_by_lead["status"], seen_by_lead["ending"]) == ("CLOSED", "MEMBER_LEFT")
    assert seen_by_lead["header"].startswith("This conversation has ended.")
    refused = await act(gql, "MessageSend", cast.lead, threadId=opened["thread"]["id"], body="Hi", clientKey=key())
    assert refused["code"] == "THREAD_CLOSED"


def _code(result: dict[str, Any]) -> str:
    if "errors" in result:
        [error] = result["errors"]
        code: str = error["extensions"]["code"]
        return code
    return str(result["code"])
