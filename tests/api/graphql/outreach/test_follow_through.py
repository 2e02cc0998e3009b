"""Load and follow-through: myLeadership shows, per group, the conversations waiting for the
leadership's reply and the oldest wait; a member message unanswered for 48 hours nudges the
group's other leads and co-leads, after 72 hours staff get "a member is waiting for a reply".
Driven by a moved clock, the tick called as the worker calls it, in a database of its own.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from domain.notifications.catalogue import text_for
from domain.outreach import FollowThroughOutcome, follow_through
from infra.settings import Settings
from schemas.documents.members import Language
from schemas.documents.notifications import NotificationKind
from tests.factories.frozen import FrozenApi, frozen_api
from tests.factories.groups import mutate
from tests.factories.outreach import OutreachCast, led_group, new_outreach_cast, said, started
from tests.fixtures.auth import AuthEmulator

MONDAY = datetime(2027, 3, 1, 10, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
LEADERSHIP = """query { myLeadership { groups { nodes { group { id } waitingThreadCount oldestWaitSince } } } }"""
STAFF_ALERTS = "query($s: StaffAlertStatus!) { staffAlerts(status: $s) { nodes { kind groupId threadId status } } }"


@pytest.fixture
async def world(settings: Settings, auth_emulator: AuthEmulator) -> AsyncIterator[tuple[FrozenApi, OutreachCast, str]]:
    async with frozen_api(settings, MONDAY, isolated=True) as api:
        cast = await new_outreach_cast(api.gql, auth_emulator)
        yield api, cast, await led_group(api.gql, cast)


async def _tick(api: FrozenApi) -> FollowThroughOutcome:
    return await follow_through(repos=api.runtime.repos, queue=api.runtime.queue, now=api.now)


async def _told(api: FrozenApi, kind: NotificationKind) -> list[tuple[str, dict[str, str]]]:
    found = await api.db.notifications.find({"kind": kind.value}).sort("member_id", 1).to_list(None)
    return [(n["member_id"], n["params"]) for n in found]


async def _waiting(api: FrozenApi, who: Any, group_id: str) -> tuple[int, str | None]:
    body = await api.gql(LEADERSHIP, token=who.token)
    [entry] = [n for n in body["data"]["myLeadership"]["groups"]["nodes"] if n["group"]["id"] == group_id]
    return entry["waitingThreadCount"], entry["oldestWaitSince"]


async def test_48_hours_unanswered_nudges_the_other_leaders_and_72_tells_staff(
    world: tuple[FrozenApi, OutreachCast, str],
) -> None:
    api, cast, group_id = world
    opened = await started(api.gql, cast.sam, group_id, body="Is anyone around to talk?")
    thread_id = opened["thread"]["id"]
    api.clock.advance(HOUR)
    await said(api.gql, cast.sam, thread_id, "No rush.")  # the oldest unanswered message is what counts
    assert await _told(api, NotificationKind.THREAD_MESSAGE) == [(cast.lead.id, {"threadId": thread_id})]
    assert await _waiting(api, cast.co_lead, group_id) == (1, "2027-03-01T10:00:00+00:00")

    api.clock.advance(timedelta(hours=46, minutes=59))  # 47:59 after the first message
    assert await _tick(api) == FollowThroughOutcome()
    api.clock.advance(timedelta(minutes=1))
    assert await _tick(api) == FollowThroughOutcome(nudged=1)
    assert await _tick(api) == FollowThroughOutcome()  # a repeated tick sends nothing twice

    # The lead was told of the message; the co-lead, the other leader, is nudged now
    assert await _told(api, NotificationKind.THREAD_WAITING) == [
        (cast.co_lead.id, {"groupId": group_id, "threadId": thread_id})
    ]
    text = text_for(NotificationKind.THREAD_WAITING, Language.EN)
    assert text.body == "Someone in a group you lead is waiting for a reply. Open the app to answer them."
    assert await _staff_alerts(api, cast, "OPEN") == []

    api.clock.advance(timedelta(hours=24))  # 72 hours
    assert await _tick(api) == FollowThroughOutcome(escalated=1)
    assert await _tick(api) == FollowThroughOutcome()
    assert await _staff_alerts(api, cast, "OPEN") == [
        {"kind": "MEMBER_WAITING", "groupId": group_id, "threadId": thread_id, "status": "OPEN"}
    ]
    staff_view = await api.gql("query($id: ID!) { thread(id: $id) { viewerSide waitingSince } }", {"id": thread_id},
                               token=cast.staff.token)  # fmt: skip
    assert staff_view["data"]["thread"] == {"viewerSide": "STAFF", "waitingSince": "2027-03-01T10:00:00+00:00"}

    # A reply ends the wait, and the alert with it
    await said(api.gql, cast.co_lead, thread_id, "Sorry Sam, I'm here now.")
    assert await _waiting(api, cast.lead, group_id) == (0, None)
    assert await _staff_alerts(api, cast, "OPEN") == []
    assert [a["threadId"] for a in await _staff_alerts(api, cast, "RESOLVED")] == [thread_id]


async def test_an_answer_within_48_hours_means_no_nudge_and_no_alert(
    world: tuple[FrozenApi, OutreachCast, str],
) -> None:
    api, cast, group_id = world
    opened = await started(api.gql, cast.lead, group_id, member=cast.sam, body="How are you?")
    await said(api.gql, cast.sam, opened["thread"]["id"], "Not great.")
    api.clock.advance(timedelta(hours=47))
    await said(api.gql, cast.lead, opened["thread"]["id"], "I'm sorry to hear that. Shall we talk?")

    api.clock.advance(timedelta(days=5))
    assert await _tick(api) == FollowThroughOutcome()
    assert await _told(api, NotificationKind.THREAD_WAITING) == []
    assert await _staff_alerts(api, cast, "OPEN") == []


async def test_a_message_in_a_thread_a_leader_looks_after_goes_to_them_and_the_nudge_to_the_rest(
    world: tuple[FrozenApi, OutreachCast, str],
) -> None:
    api, cast, group_id = world
    opened = await started(api.gql, cast.co_lead, group_id, member=cast.sam, body="Hi Sam, it's Cari.")
    await said(api.gql, cast.sam, opened["thread"]["id"], "Hi Cari.")

    assert await _told(api, NotificationKind.THREAD_MESSAGE) == sorted([
        (cast.co_lead.id, {"threadId": opened["thread"]["id"]}),  # Cari looks after it: Lee is not told
        (cast.sam.id, {"threadId": opened["thread"]["id"]}),
    ])  # fmt: skip
    api.clock.advance(timedelta(hours=48))
    assert await _tick(api) == FollowThroughOutcome(nudged=1)
    assert [member for member, _ in await _told(api, NotificationKind.THREAD_WAITING)] == [cast.lead.id]


async def test_a_closed_thread_waits_for_nobody(world: tuple[FrozenApi, OutreachCast, str]) -> None:
    api, cast, group_id = world
    opened = await started(api.gql, cast.sam, group_id, body="Hello?")
    api.clock.advance(timedelta(hours=73))
    assert await _tick(api) == FollowThroughOutcome(nudged=1, escalated=1)

    closed = await mutate(api.gql, "ThreadClose", cast.sam.token, threadId=opened["thread"]["id"])
    assert closed["__typename"] == "ThreadCloseSuccess"

    assert await _staff_alerts(api, cast, "OPEN") == []
    assert await _waiting(api, cast.lead, group_id) == (0, None)


async def _staff_alerts(api: FrozenApi, cast: OutreachCast, status: str) -> list[dict[str, Any]]:
    body = await api.gql(STAFF_ALERTS, {"s": status}, token=cast.staff.token)
    return [n for n in body["data"]["staffAlerts"]["nodes"] if n["kind"] == "MEMBER_WAITING"]
