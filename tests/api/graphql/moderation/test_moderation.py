"""What moderators do: hide, restore and remove content, mute members, dismiss reports; each logged
with the moderator and never an anonymous author; staff release what the crisis screen held.
"""

from __future__ import annotations

from typing import Any

import pytest

from infra.mongo.client import Database
from tests.factories.shares import (
    ShareCast,
    YoungPeople,
    act,
    content_group,
    feed,
    responded,
    run,
    shared,
    youth_content_group,
)
from tests.fixtures.app import GraphQLClient
from tests.fixtures.changes import Changes


async def moderate(gql: GraphQLClient, token: str, target_id: str, action: str, **extra: Any) -> dict[str, Any]:
    values = {"targetKind": "SHARE", "targetId": target_id, "action": action, "reason": "House rules."} | extra
    return await act(gql, "ContentModerate", token, **values)


async def test_a_lead_hides_a_co_lead_restores_and_each_is_logged(
    gql: GraphQLClient, db: Database, share_cast: ShareCast
) -> None:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id)
    reported = await act(
        gql, "ReportCreate", share_cast.member.token, targetKind="SHARE", targetId=share["id"], reason="SPAM"
    )

    hidden = await moderate(gql, share_cast.lead.token, share["id"], "HIDE")
    unseen = (await feed(gql, share_cast.peer, group_id))["nodes"]
    restored = await moderate(gql, share_cast.co_lead.token, share["id"], "RESTORE", reason="Looked again.")

    assert (hidden["content"]["status"], restored["content"]["status"]) == ("HIDDEN", "PUBLISHED")
    assert unseen == []
    assert [n["id"] for n in (await feed(gql, share_cast.peer, group_id))["nodes"]] == [share["id"]]
    log = await db.moderation_actions.find({"target_id": share["id"]}).sort("created_at", 1).to_list(None)
    assert [(e["action"], e["actor_member_id"], e["actor_role"], e["reason"]) for e in log] == [
        ("content_hide", share_cast.lead.id, "lead", "House rules."),
        ("content_restore", share_cast.co_lead.id, "co_lead", "Looked again."),
    ]
    assert share_cast.author.id not in str(log)
    closed = await db.reports.find_one({"_id": reported["report"]["id"]})
    assert closed is not None
    assert (closed["status"], closed["closed_by_action_id"]) == ("closed", log[0]["_id"])


async def test_removed_content_stays_removed(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, changes: Changes
) -> None:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id)
    reply = await responded(gql, share_cast.member, share["id"])

    removed = await moderate(gql, share_cast.lead.token, reply["id"], "REMOVE", targetKind="RESPONSE")
    before = await changes.mark()
    by_lead = await moderate(gql, share_cast.lead.token, reply["id"], "RESTORE", targetKind="RESPONSE")
    by_staff = await moderate(gql, share_cast.staff.token, reply["id"], "RESTORE", targetKind="RESPONSE")

    assert removed["content"]["status"] == "REMOVED"
    assert by_lead["errors"][0]["extensions"] == {"code": "NOT_FOUND"}  # removed content is staff's only
    assert (by_staff["__typename"], by_staff["code"]) == ("ContentModerateError", "INVALID_TRANSITION")
    assert await changes.since(before) == []
    screen = await run(gql, "ShareScreen", share_cast.member.token, id=share["id"])
    assert [r["status"] for r in screen["data"]["share"]["responses"]["nodes"]] == ["HIDDEN"]  # its author's view
    assert screen["data"]["share"]["responseCount"] == 0


@pytest.mark.parametrize("reason", ["", "x" * 501])
async def test_a_reason_is_required_and_nothing_changes_without_one(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, changes: Changes, reason: str
) -> None:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id)
    before = await changes.mark()

    result = await moderate(gql, share_cast.lead.token, share["id"], "HIDE", reason=reason)

    assert result["code"] == "REASON_LENGTH"
    assert await changes.since(before) == []


async def test_nobody_moderates_a_group_they_do_not_lead(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, changes: Changes
) -> None:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id)
    other_group = await content_group(gql, db, share_cast)
    await act(gql, "LeadershipTransfer", share_cast.lead.token, groupId=other_group, memberId=share_cast.member.id)
    before = await changes.mark()

    as_member = await moderate(gql, share_cast.member.token, share["id"], "HIDE")
    as_outsider = await moderate(gql, share_cast.outsider.token, share["id"], "HIDE")

    assert (as_member["__typename"], as_member["code"]) == ("ContentModerateError", "NOT_PERMITTED")
    assert as_outsider["errors"][0]["extensions"] == {"code": "NOT_FOUND"}
    assert await changes.since(before) == []


async def test_staff_release_held_content_which_leads_cannot_even_see(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, young: YoungPeople, changes: Changes
) -> None:
    group_id = await youth_content_group(gql, db, share_cast, young)
    held = await act(gql, "ShareCreate", young.author.token, groupId=group_id, body="I want to kill myself")
    share_id = held["share"]["id"]
    before = await changes.mark()

    by_lead = await moderate(gql, young.lead.token, share_id, "RESTORE")
    assert by_lead["errors"][0]["extensions"] == {"code": "NOT_FOUND"}
    assert await changes.since(before) == []
    released = await moderate(gql, share_cast.staff.token, share_id, "RESTORE", reason="Reviewed; safe to share.")

    assert released["content"]["status"] == "PUBLISHED"
    assert [n["id"] for n in (await feed(gql, young.members[1], group_id))["nodes"]] == [share_id]
    told = await db.notifications.count_documents({"kind": "group_share", "params.shareId": share_id})
    assert told == 4  # the group but the author hears once it is published
    [logged] = await db.moderation_actions.find({"target_id": share_id}).to_list(None)
    assert (logged["actor_member_id"], logged["actor_role"]) == (share_cast.staff.id, "staff")


async def test_a_muted_member_reads_and_reacts_but_cannot_post_until_unmuted(
    gql: GraphQLClient, db: Database, share_cast: ShareCast
) -> None:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id)

    muted = await act(
        gql, "MemberMute", share_cast.co_lead.token, groupId=group_id, memberId=share_cast.member.id, hours=24,
        reason="Cooling off.",
    )  # fmt: skip

    assert muted["__typename"] == "MemberMuteSuccess"
    assert muted["mutedUntil"] is not None
    for name, values in (("ShareCreate", {"groupId": group_id, "body": "x"}),
                         ("ResponseCreate", {"shareId": share["id"], "body": "x"})):  # fmt: skip
        refused = await act(gql, name, share_cast.member.token, **values)
        assert refused["code"] == "MUTED"
    assert (await act(gql, "ReactionSet", share_cast.member.token, shareId=share["id"], kind="ME_TOO"))[
        "__typename"
    ] == "ReactionSetSuccess"
    assert [n["id"] for n in (await feed(gql, share_cast.member, group_id))["nodes"]] == [share["id"]]
    lifted = await act(
        gql, "MemberMute", share_cast.lead.token, groupId=group_id, memberId=share_cast.member.id, hours=0,
        reason="Thanks.",
    )  # fmt: skip
    assert lifted["mutedUntil"] is None
    await responded(gql, share_cast.member, share["id"])
    log = await db.moderation_actions.find({"group_id": group_id, "action": {"$regex": "mute"}}).to_list(None)
    assert sorted(e["action"] for e in log) == ["member_mute", "member_unmute"]


@pytest.mark.parametrize(
    ("who", "target", "hours", "code"),
    [
        ("lead", "lead", 1, "CANNOT_TARGET_SELF"),
        ("lead", "member", 721, "HOURS_OUT_OF_RANGE"),
        ("lead", "member", -1, "HOURS_OUT_OF_RANGE"),
        ("lead", "outsider", 1, "NOT_A_MEMBER"),
        ("co_lead", "lead", 1, "NOT_PERMITTED"),
        ("member", "peer", 1, "NOT_PERMITTED"),
        ("outsider", "member", 1, "NOT_FOUND"),
    ],
)
async def test_bad_mutes_change_nothing(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, changes: Changes, who: str, target: str, hours: int,
    code: str,
) -> None:  # fmt: skip
    group_id = await content_group(gql, db, share_cast)
    before = await changes.mark()

    result = await act(
        gql, "MemberMute", getattr(share_cast, who).token, groupId=group_id, memberId=getattr(share_cast, target).id,
        hours=hours, reason="Because.",
    )  # fmt: skip

    assert (result["errors"][0]["extensions"]["code"] if "errors" in result else result["code"]) == code
    assert await changes.since(before) == []


async def test_dismissing_unfounded_reports_brings_back_what_they_hid(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, changes: Changes
) -> None:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id)
    receipts = [
        await act(gql, "ReportCreate", p.token, targetKind="SHARE", targetId=share["id"], reason="SPAM")
        for p in (share_cast.member, share_cast.peer, share_cast.co_lead)
    ]
    assert (await feed(gql, share_cast.member, group_id))["nodes"] == []

    dismissed = await act(
        gql, "ReportDismiss", share_cast.lead.token, reportId=receipts[0]["report"]["id"], reason="Not spam."
    )
    before = await changes.mark()
    again = await act(gql, "ReportDismiss", share_cast.lead.token, reportId=receipts[1]["report"]["id"], reason="x")

    assert dismissed["__typename"] == "ReportDismissSuccess"
    assert [n["id"] for n in (await feed(gql, share_cast.member, group_id))["nodes"]] == [share["id"]]
    assert (await run(gql, "ModerationQueue", share_cast.lead.token, groupId=group_id))["data"]["moderationQueue"][
        "nodes"
    ] == []
    assert again["code"] == "REPORT_CLOSED"
    assert await changes.since(before) == []


async def test_moderating_counts_as_a_leader_looking_after_the_group_and_staff_from_outside_do_not(
    gql: GraphQLClient, db: Database, share_cast: ShareCast
) -> None:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id)
    await db.memberships.update_many({"group_id": group_id}, {"$set": {"last_active_at": None}})

    await moderate(gql, share_cast.co_lead.token, share["id"], "HIDE")
    await moderate(gql, share_cast.staff.token, share["id"], "RESTORE", reason="Looked again.")

    memberships = await db.memberships.find({"group_id": group_id}).to_list(None)
    active = {m["member_id"] for m in memberships if m["last_active_at"] is not None}
    assert active == {share_cast.co_lead.id}
