"""A group's moderation log: read by its leads (and staff, and its host's staff), newest first,
a page at a time; members are refused, outsiders see nothing, and no entry names a reporter.
"""

from __future__ import annotations

from infra.mongo.client import Database
from tests.factories.shares import ShareCast, act, content_group, run, shared
from tests.fixtures.app import GraphQLClient
from tests.fixtures.changes import Changes


async def test_leads_read_what_was_done_newest_first_a_page_at_a_time_and_never_who_reported(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, changes: Changes
) -> None:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id, "Not kind.")
    reported = await act(
        gql, "ReportCreate", share_cast.member.token, targetKind="SHARE", targetId=share["id"], groupId=group_id,
        reason="BULLYING_OR_HARASSMENT", note="",
    )  # fmt: skip
    assert reported["__typename"] == "ReportCreateSuccess", reported
    hidden = await act(
        gql, "ContentModerate", share_cast.lead.token, targetKind="SHARE", targetId=share["id"], action="HIDE",
        reason="Rule 2: be kind",
    )  # fmt: skip
    assert hidden["__typename"] == "ContentModerateSuccess", hidden
    muted = await act(
        gql, "MemberMute", share_cast.co_lead.token, groupId=group_id, memberId=share_cast.peer.id, hours=24,
        reason="Cooling off",
    )  # fmt: skip
    assert muted["__typename"] == "MemberMuteSuccess", muted
    before = await changes.mark()

    first = (await run(gql, "ModerationLog", share_cast.lead.token, groupId=group_id, first=1))["data"]["moderationLog"]
    rest = await run(
        gql, "ModerationLog", share_cast.lead.token, groupId=group_id, first=10, after=first["pageInfo"]["endCursor"]
    )
    member = await run(gql, "ModerationLog", share_cast.member.token, groupId=group_id)
    outsider = await run(gql, "ModerationLog", share_cast.outsider.token, groupId=group_id)

    entries = first["nodes"] + rest["data"]["moderationLog"]["nodes"]
    moderation = [(e["action"], e["actorRole"], e["actorMemberId"], e["targetId"], e["reason"]) for e in entries]
    assert moderation[:2] == [
        ("MEMBER_MUTE", "CO_LEAD", share_cast.co_lead.id, share_cast.peer.id, "Cooling off"),
        ("CONTENT_HIDE", "LEAD", share_cast.lead.id, share["id"], "Rule 2: be kind"),
    ]
    assert first["pageInfo"]["hasNextPage"] is True
    assert share_cast.member.id not in str(entries)  # the reporter
    assert share_cast.author.id not in str(entries)  # the anonymous author
    assert member["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert outsider["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert await changes.since(before) == []
