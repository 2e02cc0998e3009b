"""Moderation people can see, end to end: the anonymous author of a hidden share is told privately
which rule it broke (nobody else learns whose it was), appeals once, the host organisation's staff
grant it and the share is back; a muted member is told until when, and the platform's staff reject
their appeal for an unhosted group.
"""

from __future__ import annotations

from domain.accounts.export_document import gather
from domain.shares import AnonymityKey
from infra.mongo.client import Database
from infra.settings import Settings
from tests.factories.organisations import hosted, staffed_organisation
from tests.factories.shares import ShareCast, act, content_group, run, shared
from tests.fixtures.app import GraphQLClient, RunningApi
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.changes import Changes


async def _notices(gql: GraphQLClient, token: str) -> list[dict[str, object]]:
    notices: list[dict[str, object]] = (await run(gql, "ModerationNotices", token))["data"]["moderationNotices"]
    return notices


async def test_an_anonymous_author_learns_the_rule_appeals_once_and_the_host_s_staff_bring_it_back(
    gql: GraphQLClient, db: Database, auth_emulator: AuthEmulator, share_cast: ShareCast, changes: Changes,
    api: RunningApi, settings: Settings,
) -> None:  # fmt: skip
    organisation = await staffed_organisation(gql, auth_emulator, share_cast.admin, "Riverside Mind")
    other = await staffed_organisation(gql, auth_emulator, share_cast.admin, "Hilltop Carers")
    group_id = await content_group(gql, db, share_cast)
    await hosted(gql, share_cast.admin, group_id, organisation.id)
    share = await shared(gql, share_cast.author, group_id, "You are all useless.")  # anonymous
    hidden = await act(
        gql, "ContentModerate", share_cast.lead.token, targetKind="SHARE", targetId=share["id"], action="HIDE",
        reason="Rule 2: be kind to each other",
    )  # fmt: skip
    assert hidden["__typename"] == "ContentModerateSuccess", hidden

    [notice] = await _notices(gql, share_cast.author.token)
    assert (notice["kind"], notice["targetId"], notice["rule"], notice["appealStatus"]) == (
        "CONTENT_HIDDEN", share["id"], "Rule 2: be kind to each other", "NONE",
    )  # fmt: skip
    for someone in (share_cast.lead, share_cast.member, share_cast.peer):
        assert await _notices(gql, someone.token) == []
    stored = await db.moderation_notices.find_one({"_id": notice["id"]})
    assert stored is not None
    assert share_cast.author.id not in str(stored)  # only the keyed hash authorship already holds
    [push] = await db.notifications.find({"kind": "moderation_notice"}).to_list(None)
    assert (push["member_id"], push["params"]) == (share_cast.author.id, {})
    assert share["id"] not in str(push)
    assert notice["id"] not in str(push)

    appealed = await act(gql, "ModerationAppeal", share_cast.author.token, noticeId=notice["id"], note="It was a joke.")
    before = await changes.mark()
    twice = await act(gql, "ModerationAppeal", share_cast.author.token, noticeId=notice["id"], note="Again.")
    not_theirs = await act(gql, "ModerationAppeal", share_cast.peer.token, noticeId=notice["id"], note="Me too.")
    foreign = await run(gql, "ModerationAppeals", other.staff.token, groupId=group_id)
    assert await changes.since(before) == []
    assert appealed["notice"]["appealStatus"] == "PENDING"
    assert twice["code"] == "ALREADY_APPEALED"
    assert not_theirs["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert foreign["errors"][0]["extensions"]["code"] == "NOT_FOUND"

    waiting = (await run(gql, "ModerationAppeals", organisation.staff.token, groupId=group_id))["data"]
    assert [(a["id"], a["appealNote"]) for a in waiting["moderationAppeals"]] == [(notice["id"], "It was a joke.")]
    assert share_cast.author.id not in str(waiting)
    granted = await act(
        gql, "AppealDecide", organisation.staff.token, noticeId=notice["id"], decision="GRANT", note="Fair enough."
    )

    assert granted["__typename"] == "AppealDecideSuccess", granted
    assert (await db.shares.find_one({"_id": share["id"]}) or {})["status"] == "published"
    [told] = await _notices(gql, share_cast.author.token)
    assert (told["appealStatus"], told["decisionNote"]) == ("GRANTED", "Fair enough.")
    log = (await run(gql, "ModerationLog", share_cast.lead.token, groupId=group_id, first=1))["data"]["moderationLog"]
    assert [(e["action"], e["actorRole"], e["targetId"]) for e in log["nodes"]] == [
        ("CONTENT_RESTORE", "STAFF", share["id"])
    ]
    assert await db.notifications.count_documents({"kind": "moderation_notice", "member_id": share_cast.author.id}) == 2
    exported = await gather(repos=api.runtime.repos, key=AnonymityKey.of(settings.anonymity_key.get_secret_value()),
                            member=(await api.runtime.repos.members.get_many([share_cast.author.id]))[0],
                            now=api.runtime.clock.now())  # fmt: skip
    assert [(n["rule"], n["appealStatus"], n["decisionNote"]) for n in exported["moderationNotices"]] == [
        ("Rule 2: be kind to each other", "granted", "Fair enough.")
    ]
    assert organisation.staff.id not in str(exported["moderationNotices"])  # never who decided


async def test_a_muted_member_is_told_until_when_and_platform_staff_decide_for_an_unhosted_group(
    gql: GraphQLClient, db: Database, share_cast: ShareCast
) -> None:
    group_id = await content_group(gql, db, share_cast)
    muted = await act(
        gql, "MemberMute", share_cast.lead.token, groupId=group_id, memberId=share_cast.peer.id, hours=24,
        reason="Rule 4: no selling",
    )  # fmt: skip
    assert muted["__typename"] == "MemberMuteSuccess", muted

    [notice] = [n for n in await _notices(gql, share_cast.peer.token) if n["groupId"] == group_id]
    assert (notice["kind"], notice["rule"], notice["mutedUntil"]) == (
        "MUTED", "Rule 4: no selling", muted["mutedUntil"],
    )  # fmt: skip
    await act(gql, "ModerationAppeal", share_cast.peer.token, noticeId=notice["id"], note="I was sharing a link.")
    lead_tries = await act(
        gql, "AppealDecide", share_cast.lead.token, noticeId=notice["id"], decision="GRANT", note="Fine."
    )
    rejected = await act(
        gql, "AppealDecide", share_cast.staff.token, noticeId=notice["id"], decision="REJECT", note="Links to shops."
    )

    assert lead_tries["errors"][0]["extensions"]["code"] == "NOT_FOUND"  # leads do not judge their own calls
    assert rejected["__typename"] == "AppealDecideSuccess", rejected
    membership = await db.memberships.find_one({"group_id": group_id, "member_id": share_cast.peer.id})
    assert membership is not None
    assert membership["muted_until"] is not None
    [told] = [n for n in await _notices(gql, share_cast.peer.token) if n["id"] == notice["id"]]
    assert (told["appealStatus"], told["decisionNote"]) == ("REJECTED", "Links to shops.")
