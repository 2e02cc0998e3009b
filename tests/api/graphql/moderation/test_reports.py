"""reportCreate: a share, a response or a member; three distinct reporters hide content until reviewed;
the reporter is never shown to leads.
"""

from __future__ import annotations

from typing import Any

import pytest

from infra.mongo.client import Database
from tests.factories.shares import ShareCast, act, content_group, feed, responded, run, shared
from tests.fixtures.app import GraphQLClient
from tests.fixtures.changes import Changes


async def report(gql: GraphQLClient, token: str, kind: str, target_id: str, **extra: Any) -> dict[str, Any]:
    values = {"targetKind": kind, "targetId": target_id, "reason": "BULLYING_OR_HARASSMENT"} | extra
    return await act(gql, "ReportCreate", token, **values)


async def queue(gql: GraphQLClient, token: str, group_id: str) -> dict[str, Any]:
    return await run(gql, "ModerationQueue", token, groupId=group_id)


async def test_a_report_reaches_the_leads_queue_without_its_reporter(
    gql: GraphQLClient, db: Database, share_cast: ShareCast
) -> None:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id, "Some words.")

    result = await report(gql, share_cast.member.token, "SHARE", share["id"], note="This felt unkind.")

    assert result["__typename"] == "ReportCreateSuccess"
    assert result["report"]["targetId"] == share["id"]
    for leader in (share_cast.lead, share_cast.co_lead):
        body = await queue(gql, leader.token, group_id)
        [item] = body["data"]["moderationQueue"]["nodes"]
        assert (item["reason"], item["note"], item["status"], item["targetKind"]) == (
            "BULLYING_OR_HARASSMENT", "This felt unkind.", "OPEN", "SHARE",
        )  # fmt: skip
        assert (item["target"]["__typename"], item["target"]["id"]) == ("AnonymousShare", share["id"])
        assert item["createdAt"].endswith(":00+00:00")
        text = str(body)
        assert share_cast.member.id not in text
        assert share_cast.author.id not in text
    stored = await db.reports.find_one({"_id": result["report"]["id"]})
    assert stored is not None
    assert stored["reporter_member_id"] == share_cast.member.id
    told = await db.notifications.find({"kind": "report_received", "params.groupId": group_id}).to_list(None)
    assert {n["member_id"] for n in told} == {share_cast.lead.id}
    assert share["id"] not in str(told)


async def test_reporting_your_own_content_is_refused_and_writes_nothing(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, changes: Changes
) -> None:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id)
    reply = await responded(gql, share_cast.author, share["id"])
    before = await changes.mark()

    for kind, target in (("SHARE", share["id"]), ("RESPONSE", reply["id"])):
        result = await report(gql, share_cast.author.token, kind, target)
        assert (result["__typename"], result["code"]) == ("ReportCreateError", "OWN_CONTENT")
    assert await changes.since(before) == []


async def test_reporting_twice_counts_once(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, changes: Changes
) -> None:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id)
    await report(gql, share_cast.member.token, "SHARE", share["id"])
    before = await changes.mark()

    again = await report(gql, share_cast.member.token, "SHARE", share["id"], reason="SPAM")

    assert again["code"] == "ALREADY_REPORTED"
    assert await changes.since(before) == []


async def test_three_distinct_reporters_hide_content_until_reviewed(
    gql: GraphQLClient, db: Database, share_cast: ShareCast
) -> None:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id)

    for person in (share_cast.member, share_cast.peer):
        await report(gql, person.token, "SHARE", share["id"])
    still = [n["id"] for n in (await feed(gql, share_cast.member, group_id))["nodes"]]
    await report(gql, share_cast.co_lead.token, "SHARE", share["id"])

    assert still == [share["id"]]
    assert (await feed(gql, share_cast.member, group_id))["nodes"] == []
    assert [n["status"] for n in (await feed(gql, share_cast.author, group_id))["nodes"]] == ["HIDDEN"]
    assert [n["status"] for n in (await feed(gql, share_cast.lead, group_id))["nodes"]] == ["HIDDEN"]
    [logged] = await db.moderation_actions.find({"target_id": share["id"]}).to_list(None)
    assert (logged["action"], logged["actor_role"], logged["actor_member_id"]) == ("content_hide", "system", None)
    stored = await db.shares.find_one({"_id": share["id"]})
    assert stored is not None
    assert (stored["status"], stored["hidden_by"]) == ("hidden", "reports")


async def test_a_lead_reporting_encouragement_of_self_harm_hides_it_at_once(
    gql: GraphQLClient, db: Database, share_cast: ShareCast
) -> None:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id)

    await report(gql, share_cast.lead.token, "SHARE", share["id"], reason="ENCOURAGING_SELF_HARM")

    assert (await feed(gql, share_cast.member, group_id))["nodes"] == []
    stored = await db.reports.find_one({"target_id": share["id"]})
    assert stored is not None
    assert stored["escalate_at"] == stored["created_at"]  # about risk: staff have it at the next tick


async def test_a_member_is_reported_in_a_group(gql: GraphQLClient, db: Database, share_cast: ShareCast) -> None:
    group_id = await content_group(gql, db, share_cast)

    result = await report(gql, share_cast.member.token, "MEMBER", share_cast.peer.id, groupId=group_id)

    assert result["__typename"] == "ReportCreateSuccess"
    [item] = (await queue(gql, share_cast.lead.token, group_id))["data"]["moderationQueue"]["nodes"]
    assert item["target"] == {"__typename": "ReportedMember", "id": share_cast.peer.id, "displayName": "Peer"}


@pytest.mark.parametrize(
    ("extra", "target", "code"),
    [
        ({}, "peer", "GROUP_REQUIRED"),
        ({"group": True}, "member", "CANNOT_TARGET_SELF"),
        ({"group": True}, "outsider", "NOT_A_MEMBER"),
        ({"group": True, "note": "x" * 501}, "peer", "NOTE_LENGTH"),
    ],
)
async def test_bad_member_reports_are_refused_and_write_nothing(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, changes: Changes, extra: dict[str, Any], target: str,
    code: str,
) -> None:  # fmt: skip
    group_id = await content_group(gql, db, share_cast)
    values = {"note": extra["note"]} if "note" in extra else {}
    if extra.get("group"):
        values["groupId"] = group_id
    before = await changes.mark()

    result = await report(gql, share_cast.member.token, "MEMBER", getattr(share_cast, target).id, **values)

    assert (result["__typename"], result["code"]) == ("ReportCreateError", code)
    assert await changes.since(before) == []
