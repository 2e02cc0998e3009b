"""The purge after the grace period: the member gone from every collection and from Firebase,
logs kept under a tombstone id, group counts exact, and a purge killed mid-way finished by a rerun.

Each test has a database of its own, so scanning everything for the member finds only this world.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from firebase_admin import auth

from domain.accounts.purge import COVERAGE, STEPS, Purge, purge_due
from domain.shares.anonymity import AnonymityKey
from infra.firebase import get_or_create_app
from infra.mongo.indexes import INDEXES
from infra.settings import Settings
from tests.factories.accounts import Footprint, author_footprint, run_app
from tests.factories.frozen import FrozenApi, frozen_api
from tests.factories.shares import act
from tests.fixtures.auth import AuthEmulator

NOW = datetime.now(UTC).replace(microsecond=0)
AFTER_GRACE = NOW + timedelta(days=21, seconds=1)


@pytest.fixture
async def api(settings: Settings) -> AsyncIterator[FrozenApi]:
    async with frozen_api(settings, NOW, isolated=True) as frozen:
        yield frozen


@pytest.fixture
async def world(api: FrozenApi, auth_emulator: AuthEmulator) -> Footprint:
    footprint = await author_footprint(api.gql, api.db, auth_emulator, now=api.now)
    deleted = await run_app(api.gql, "AccountDelete", footprint.cast.author.token, input={"confirm": "author"})
    assert deleted["__typename"] == "AccountDeleteSuccess", deleted
    return footprint


def key(settings: Settings) -> AnonymityKey:
    return AnonymityKey.of(settings.anonymity_key.get_secret_value())


async def purge(api: FrozenApi, settings: Settings, at: datetime = AFTER_GRACE) -> int:
    return await purge_due(
        repos=api.runtime.repos, accounts=api.runtime.accounts, key=key(settings), now=at, spread=timedelta(days=30)
    )


async def traces(api: FrozenApi, identifiers: dict[str, str]) -> dict[str, list[str]]:
    """Per collection, which of the member's identifiers any document still holds (in any field)."""
    found: dict[str, list[str]] = {}
    for collection in sorted(set(INDEXES) | set(await api.db.list_collection_names())):
        async for raw in api.db[collection].find({}):
            text = json.dumps(raw, default=str)
            hits = [name for name, value in identifiers.items() if value in text]
            if hits:
                found.setdefault(collection, []).extend(hits)
    return found


async def firebase_user_exists(settings: Settings, uid: str) -> bool:
    try:
        await asyncio.to_thread(auth.get_user, uid, app=get_or_create_app(settings.firebase))
    except auth.UserNotFoundError:
        return False
    return True


def test_every_collection_has_a_declared_purge() -> None:
    # A new collection must say how a deleted member leaves it before it can ship.
    assert sorted(set(INDEXES) - set(COVERAGE)) == []


async def test_before_the_grace_period_ends_nothing_is_purged(
    api: FrozenApi, world: Footprint, settings: Settings
) -> None:
    # When the purge runs a second before the 21 days are up
    purged = await purge(api, settings, at=NOW + timedelta(days=21, seconds=-1))

    # Then the member is still there, hidden, and can still come back
    assert purged == 0
    member = await api.db.members.find_one({"_id": world.cast.author.id})
    assert member is not None
    assert member["display_name"] == "Former member"
    assert await firebase_user_exists(settings, world.cast.author.user.uid)


async def test_the_purge_leaves_no_trace_of_the_member_in_any_collection(
    api: FrozenApi, world: Footprint, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    for ours in ("api", "domain", "infra", "workers"):
        caplog.set_level(logging.DEBUG, logger=ours)
    caplog.set_level(logging.INFO)
    # Given the member had something in many collections (checked, so the scan can fail)
    identifiers = world.identifiers(settings)
    before = await traces(api, identifiers)
    assert {"members", "checkins", "authorship", "reactions", "notifications", "memberships",
            "join_requests", "difficult_dates", "data_exports", "reports", "moderation_actions",
            "account_deletions", "threads", "messages", "message_reports", "rsvps", "attendance", "calendar_feeds",
            "sessions", "venues"} <= set(before)  # fmt: skip

    # When the grace period is over and the purge runs
    assert await purge(api, settings) == 1

    # Then no document anywhere holds their id, Firebase uid, keys or device token; the Firebase user is gone
    assert await traces(api, identifiers) == {}
    assert not await firebase_user_exists(settings, world.cast.author.user.uid)
    # And the purge logged its tombstone id, never anything that names them
    logged = [f"{r.getMessage()} {r.__dict__!r}" for r in caplog.records]
    assert any("account purged" in line and "tombstone-" in line for line in logged)
    assert [name for line in logged for name, value in identifiers.items() if value in line] == []


async def test_named_content_goes_and_anonymous_content_stays_unchanged_and_unlinked(
    api: FrozenApi, world: Footprint, settings: Settings
) -> None:
    # Given the member reported the author's named share and their anonymous one, and no lead has looked yet
    reports = [
        await act(api.gql, "ReportCreate", world.cast.member.token, targetKind="SHARE", targetId=target, reason="SPAM")
        for target in (world.named_share_id, world.share_id)
    ]
    assert [r["__typename"] for r in reports] == ["ReportCreateSuccess"] * 2, reports
    anonymous = [world.share_id, world.reply_id, world.their_response_id]
    before = {item["_id"]: item for name in ("shares", "responses") async for item in api.db[name].find({})}

    # When the purge runs
    await purge(api, settings)

    # Then their named share is gone; their anonymous share, the peer's reply to it and their anonymous
    # reply elsewhere are exactly as they were, but no longer linked to anyone
    db = api.db
    assert await db.shares.count_documents({"_id": world.named_share_id}) == 0
    after = {item["_id"]: item for name in ("shares", "responses") async for item in db[name].find({})}
    assert {content_id: after.get(content_id) for content_id in anonymous} == {
        content_id: before[content_id] for content_id in anonymous
    }
    assert await db.authorship.count_documents({"_id": {"$in": [world.share_id, world.their_response_id]}}) == 0
    # The member's share keeps both reactions in its counts (a drop would say who had reacted) and the reply
    share = await db.shares.find_one({"_id": world.member_share_id})
    assert share is not None
    assert (share["response_count"], share["reaction_counts"]["me_too"]) == (1, 2)
    # The group has one member fewer, its place back, its lead count unchanged
    group = await db.groups.find_one({"_id": world.group_id})
    assert group is not None
    assert (group["member_count"], group["free_slots"], group["lead_count"]) == (4, group["capacity"] - 4, 1)
    assert group.get("released_for", []) == []
    # And the report on the share that is gone needs nobody now; the one on the share that stays waits
    statuses = [(await db.reports.find_one({"_id": r["report"]["id"]}) or {}).get("status") for r in reports]
    assert statuses == ["closed", "open"]


async def test_their_messages_go_their_threads_end_and_the_leads_see_it_has_ended(
    api: FrozenApi, world: Footprint, settings: Settings
) -> None:
    # Given the author's thread with their leads (their words, the lead's answer) and one they wrote in as a lead
    db, author = api.db, world.cast.author
    [own] = await db.threads.find({"member_id": author.id}).to_list(None)
    [as_lead] = await db.threads.find({"opened_by": author.id, "member_id": {"$ne": author.id}}).to_list(None)

    # When the purge runs
    await purge(api, settings)

    # Then none of their messages is left anywhere; the lead's answer stays until the closed thread's retention
    assert await db.messages.count_documents({"author_id": author.id}) == 0
    assert [m["body"] for m in await db.messages.find({"thread_id": own["_id"]}).to_list(None)] == [
        "Of course. Tomorrow?"
    ]
    assert await db.messages.count_documents({"thread_id": as_lead["_id"]}) == 0
    # Their thread ended, and the lead sees it has, with nobody's name on it
    ended = await api.gql(
        "query($id: ID!) { thread(id: $id) { status ending header memberName canWrite } }", {"id": own["_id"]},
        token=world.cast.lead.token,
    )  # fmt: skip
    assert ended["data"]["thread"] == {
        "status": "CLOSED", "ending": "ACCOUNT_DELETED", "canWrite": False, "memberName": None,
        "header": "This conversation has ended. Your group's leads and co-leads all see this conversation and can "
        "answer it. Nobody else in the group can. The service's safeguarding team can also read this conversation, "
        "because something in it was reported, raised a concern, or waited a long time for a reply.",
    }  # fmt: skip
    # And the report of the lead's answer they made stays for staff, under their tombstone
    deletion_tombstone = (await db.threads.find_one({"_id": own["_id"]}) or {}).get("member_id")
    [report] = await db.message_reports.find({}).to_list(None)
    assert report["reporter_member_id"] == deletion_tombstone
    assert deletion_tombstone.startswith("tombstone-")


async def test_logs_keep_the_action_under_a_tombstone_id(api: FrozenApi, world: Footprint, settings: Settings) -> None:
    # Given the tombstone id chosen when the member asked to be deleted
    deletion = await api.db.account_deletions.find_one({"_id": world.cast.author.id})
    assert deletion is not None
    tombstone = deletion["tombstone_id"]
    assert tombstone.startswith("tombstone-")
    assert world.cast.author.id not in tombstone

    # When the purge runs
    await purge(api, settings)

    # Then the lead's mute and the report they made are still there, naming the tombstone
    mute = await api.db.moderation_actions.find_one({"action": "member_mute"})
    report = await api.db.reports.find_one({"target_id": world.cast.peer.id})
    assert mute is not None
    assert report is not None
    assert (mute["target_id"], mute["actor_member_id"]) == (tombstone, world.cast.lead.id)
    assert report["reporter_member_id"] == tombstone
    assert await api.db.account_deletions.count_documents({}) == 0


# Dying in the first step, in the one that gives back group places, and after Firebase (the costly ones).
CRASH_POINTS = [0, [name for name, _ in STEPS].index("memberships"), [name for name, _ in STEPS].index("firebase_user")]


@pytest.mark.parametrize("crash_after", CRASH_POINTS, ids=[STEPS[index][0] for index in CRASH_POINTS])
async def test_a_purge_killed_after_any_step_is_finished_by_the_next_run(
    api: FrozenApi, world: Footprint, settings: Settings, crash_after: int
) -> None:
    # Given a purge that ran the steps up to `crash_after` and died before recording the last one
    repos = api.runtime.repos
    deletion = await repos.account_deletions.get(world.cast.author.id)
    assert deletion is not None
    await repos.account_deletions.mark_started(deletion.id, now=AFTER_GRACE)
    for index, (name, step) in enumerate(STEPS[: crash_after + 1]):
        await step(Purge(repos, api.runtime.accounts, key(settings), deletion, AFTER_GRACE, timedelta(days=30)))
        if index < crash_after:
            await repos.account_deletions.mark_step_done(deletion.id, name)

    # When the next tick runs the purge, and another one after it
    finished = [await purge(api, settings), await purge(api, settings)]

    # Then it finished once, with nothing of the member left, and counts given back exactly once
    assert finished == [1, 0]
    assert await traces(api, world.identifiers(settings)) == {}
    group = await api.db.groups.find_one({"_id": world.group_id})
    assert group is not None
    assert (group["member_count"], group["lead_count"]) == (4, 1)


async def test_other_members_keep_everything_of_theirs(api: FrozenApi, world: Footprint, settings: Settings) -> None:
    # Given what the other members hold
    others = [world.cast.member.id, world.cast.peer.id, world.cast.lead.id]
    before = await _of(api, others)

    # When the author is purged
    await purge(api, settings)

    # Then their memberships, check-ins and profiles are unchanged
    assert await _of(api, others) == before


async def _of(api: FrozenApi, member_ids: list[str]) -> dict[str, Any]:
    query = {"member_id": {"$in": member_ids}}
    return {
        "members": await api.db.members.find({"_id": {"$in": member_ids}}).sort("_id").to_list(None),
        "memberships": await api.db.memberships.find(query).sort("_id").to_list(None),
        "checkins": await api.db.checkins.find(query).sort("_id").to_list(None),
    }
