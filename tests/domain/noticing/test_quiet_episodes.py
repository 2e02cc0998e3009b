"""Quiet members: one episode driven across days by a moved clock and called as the worker
calls it (nudge, the leads' list with consent, the last word, silence, the end on activity,
14 days' rest), consent and breaks, duplicate ticks, and anonymous posts that must not end
an episode. Each test has a database of its own: the scan reads everything due.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from domain.noticing.quiet_scan import QuietOutcome, scan_quiet
from infra.settings import Settings
from schemas.documents.notifications import NotificationKind
from tests.factories.checkins import checked_in
from tests.factories.devices import preferences_set
from tests.factories.frozen import FrozenApi, frozen_api
from tests.factories.groups import created_group, invite_code, joined, operation
from tests.factories.members import TestMember as Person
from tests.factories.members import onboarded_member
from tests.factories.noticing import noticing_operation
from tests.factories.shares import act, shared
from tests.fixtures.auth import AuthEmulator

JOINED = datetime(2027, 1, 4, 12, 0, tzinfo=UTC)  # a Monday, in winter: London is on UTC
DAY = timedelta(days=1)
QUIET = JOINED + 7 * DAY  # a group without a schedule: 7 days without activity
MEMBERS = ("Sam", "Ann", "Bo", "Cy", "Di")
LEADERSHIP = operation("MyLeadership")
QUIET_MEMBERS = noticing_operation("QuietMembers")


@dataclass(frozen=True)
class World:
    api: FrozenApi
    lead: Person
    members: dict[str, Person]
    group_id: str

    @property
    def sam(self) -> Person:
        return self.members["Sam"]

    async def tick(self, at: datetime) -> QuietOutcome:
        self.api.clock.current = at
        return await scan_quiet(repos=self.api.runtime.repos, queue=self.api.runtime.queue, now=at)

    async def sent(self, to: Person) -> list[tuple[str, str]]:
        """(kind, dedupe_key) of every quiet message the person was sent, oldest first."""
        kinds = [NotificationKind.QUIET_NUDGE.value, NotificationKind.QUIET_LAST_WORD.value]
        cursor = self.api.db.notifications.find({"member_id": to.id, "kind": {"$in": kinds}}).sort("created_at", 1)
        return [(n["kind"], n["dedupe_key"]) async for n in cursor]

    async def membership(self, person: Person) -> dict[str, Any]:
        found = await self.api.db.memberships.find_one({"group_id": self.group_id, "member_id": person.id})
        assert found is not None
        return found

    async def quiet_list(self) -> list[dict[str, Any]]:
        body = await self.api.gql(QUIET_MEMBERS, {"groupId": self.group_id}, token=self.lead.token)
        nodes: list[dict[str, Any]] = body["data"]["quietMembers"]["nodes"]
        return nodes

    async def leadership(self) -> dict[str, Any]:
        body = await self.api.gql(LEADERSHIP, {}, token=self.lead.token)
        [group] = body["data"]["myLeadership"]["groups"]["nodes"]
        return {key: group[key] for key in ("quietMemberCount", "openReportCount", "oldestOpenReportAt")}


@pytest.fixture
async def world(settings: Settings, auth_emulator: AuthEmulator) -> AsyncIterator[World]:
    """Lee leads a group without a schedule; Sam and four others joined on 4 January 2027."""
    async with frozen_api(settings, JOINED, isolated=True) as api:
        lead = await onboarded_member(api.gql, auth_emulator, displayName="Lee")
        group_id = await created_group(api.gql, lead)
        code = await invite_code(api.gql, lead, group_id, maxUses=len(MEMBERS))
        members = {}
        for name in MEMBERS:
            members[name] = await onboarded_member(api.gql, auth_emulator, displayName=name)
            await joined(api.gql, members[name], code=code)
        yield World(api=api, lead=lead, members=members, group_id=group_id)


def key(membership: dict[str, Any], number: int, step: str) -> str:
    return f"quiet:{membership['_id']}:{number}:{step}"


async def test_a_full_episode_nudge_then_leads_then_one_last_word_then_silence(world: World) -> None:
    sam = await world.membership(world.sam)
    # Given nobody has done anything since joining; a minute before 7 days, nobody is quiet
    outcome = await world.tick(QUIET - timedelta(minutes=1))
    assert (outcome.started, outcome.messages) == (0, 0)

    # When 7 days have passed: one nudge, nothing for the leads yet
    await world.tick(QUIET)
    assert await world.sent(world.sam) == [("quiet_nudge", key(sam, 1, "nudged"))]
    assert (await world.membership(world.sam))["quiet"] == {
        "number": 1, "started_at": QUIET, "since": sam["joined_at"], "step": "nudged", "listed_at": None,
        "missed_sessions": False,
    }  # fmt: skip
    assert await world.quiet_list() == []

    # And a duplicate tick, and every tick until day 3 of the spell, sends nothing more
    for at in (QUIET, QUIET + DAY, QUIET + 3 * DAY - timedelta(minutes=1)):
        assert (await world.tick(at)).messages == 0

    # When 3 days into the spell: the leads see Sam (and the others), since the day they joined
    await world.tick(QUIET + 3 * DAY)
    names = {row["name"] for row in await world.quiet_list()}
    assert names == set(MEMBERS)
    assert (await world.leadership())["quietMemberCount"] == 5
    assert (await world.membership(world.sam))["quiet"]["listed_at"] == QUIET + 3 * DAY
    assert await world.sent(world.sam) == [("quiet_nudge", key(sam, 1, "nudged"))]

    # When 14 days into it: one last kind message, then silence however long it lasts
    await world.tick(QUIET + 14 * DAY)
    await world.tick(QUIET + 14 * DAY)
    for days in (20, 40, 90):
        await world.tick(QUIET + days * DAY)
    assert await world.sent(world.sam) == [
        ("quiet_nudge", key(sam, 1, "nudged")), ("quiet_last_word", key(sam, 1, "last_word"))
    ]  # fmt: skip
    assert (await world.membership(world.sam))["next_evaluation_at"] is None


async def test_a_check_in_ends_the_episode_at_once_without_a_message_and_14_days_rest_follow(world: World) -> None:
    sam = await world.membership(world.sam)
    await world.tick(QUIET + 3 * DAY)
    assert world.sam.id in {row["memberId"] for row in await world.quiet_list()}

    # When Sam checks in with the group (privately)
    back = QUIET + 4 * DAY
    world.api.clock.current = back
    await checked_in(world.api.gql, world.sam, groupId=world.group_id, visibility="PRIVATE", mood=4)

    # Then the episode ends at once: off the leads' list, no "welcome back"
    assert world.sam.id not in {row["memberId"] for row in await world.quiet_list()}
    stored = await world.membership(world.sam)
    assert (stored["quiet"], stored["quiet_ended_at"], stored["quiet_episodes"]) == (None, back, 1)
    assert stored["next_evaluation_at"] == back + DAY  # the soonest any rule could find them quiet
    await world.tick(back + DAY)  # quiet again from day 7, but resting until day 14 after the end
    assert (await world.membership(world.sam))["next_evaluation_at"] == back + 14 * DAY
    assert len(await world.sent(world.sam)) == 1

    # And 7 days later Sam is quiet again, but no new episode starts within 14 days of the end
    await world.tick(back + 7 * DAY)
    assert len(await world.sent(world.sam)) == 1
    assert (await world.membership(world.sam))["next_evaluation_at"] == back + 14 * DAY
    await world.tick(back + 14 * DAY)
    assert await world.sent(world.sam) == [
        ("quiet_nudge", key(sam, 1, "nudged")), ("quiet_nudge", key(sam, 2, "nudged"))
    ]  # fmt: skip


async def test_without_consent_nothing_is_sent_and_nothing_is_recorded_for_leads(world: World) -> None:
    # Given Sam wants no nudges and does not let the leads know
    await preferences_set(world.api.gql, world.sam, nudges=False, letLeadsKnowWhenQuiet=False)

    # When the whole episode runs
    for days in (0, 3, 14, 30):
        await world.tick(QUIET + days * DAY)

    # Then Sam was sent nothing, the leads see nothing, and nothing lists Sam for them
    assert await world.sent(world.sam) == []
    assert world.sam.id not in {row["memberId"] for row in await world.quiet_list()}
    assert (await world.membership(world.sam))["quiet"]["listed_at"] is None
    assert (await world.leadership())["quietMemberCount"] == 4


async def test_withdrawing_consent_takes_a_member_off_the_leads_list_at_once(world: World) -> None:
    await world.tick(QUIET + 3 * DAY)
    assert (await world.leadership())["quietMemberCount"] == 5

    world.api.clock.current = QUIET + 3 * DAY + timedelta(hours=1)
    await preferences_set(world.api.gql, world.sam, letLeadsKnowWhenQuiet=False)
    assert world.sam.id not in {row["memberId"] for row in await world.quiet_list()}
    await world.tick(QUIET + 4 * DAY)
    assert world.sam.id not in {row["memberId"] for row in await world.quiet_list()}

    # Giving it again puts them back on the list at the next tick
    await preferences_set(world.api.gql, world.sam, letLeadsKnowWhenQuiet=True)
    await world.tick(QUIET + 4 * DAY)
    assert world.sam.id in {row["memberId"] for row in await world.quiet_list()}


async def test_a_break_pauses_it_all_until_it_ends(world: World) -> None:
    await preferences_set(world.api.gql, world.sam, onBreakUntil=(QUIET + 20 * DAY).isoformat())
    for days in (0, 3, 14):
        await world.tick(QUIET + days * DAY)
    assert await world.sent(world.sam) == []
    assert world.sam.id not in {row["memberId"] for row in await world.quiet_list()}
    assert (await world.membership(world.sam))["next_evaluation_at"] == QUIET + 20 * DAY


async def test_anonymous_posts_and_reactions_do_not_end_an_episode_and_leave_the_list_unchanged(
    world: World,
) -> None:
    # Given every member is on the leads' list
    await world.tick(QUIET + 3 * DAY)
    before = await world.quiet_list()
    assert len(before) == 5
    world.api.clock.current = QUIET + 3 * DAY + timedelta(hours=1)

    # When Sam posts anonymously, replies anonymously, and reacts to someone's anonymous post
    share = await shared(world.api.gql, world.sam, world.group_id)
    await act(world.api.gql, "ResponseCreate", world.sam.token, shareId=share["id"], body="Same here.", anonymous=True)
    other = await shared(world.api.gql, world.members["Ann"], world.group_id)
    await act(world.api.gql, "ReactionSet", world.sam.token, shareId=other["id"], kind="THINKING_OF_YOU")
    await world.tick(QUIET + 4 * DAY)

    # Then the leads' list is exactly as before: nothing in it points at who wrote or reacted
    assert await world.quiet_list() == before
    assert (await world.membership(world.sam))["quiet"]["number"] == 1
    assert (await world.membership(world.sam)).get("last_engaged_at") is None

    # And a post under Sam's name does end Sam's episode
    await shared(world.api.gql, world.sam, world.group_id, anonymous=False)
    assert world.sam.id not in {row["memberId"] for row in await world.quiet_list()}
