"""Groups without an active lead: the watch raises one alert for staff after 14 days in which
no lead or co-lead acted, and stands it down once one does. Driven by a moved clock: the
API's for what people do, the same for the watch, called as the worker calls it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from domain.groups.lead_watch import WatchOutcome, watch_leads
from infra.settings import Settings
from tests.factories.frozen import FrozenApi, frozen_api
from tests.factories.groups import asked_to_join, created_group, invite_code, joined, mutate
from tests.factories.members import TestMember as Person
from tests.factories.members import onboarded_member
from tests.fixtures.app import CommandCounter
from tests.fixtures.auth import AuthEmulator

T0 = datetime(2027, 1, 4, 10, 0, tzinfo=UTC)  # a Monday morning
DAY = timedelta(days=1)
STAFF_ALERTS = """
query StaffAlerts($status: StaffAlertStatus! = OPEN) {
  staffAlerts(status: $status) { nodes { kind status groupId groupName lastLeaderActivityAt createdAt resolvedAt } }
}
"""


@dataclass(frozen=True)
class World:
    api: FrozenApi
    lead: Person
    co_lead: Person
    member: Person
    group_id: str

    async def watch(self, at: datetime) -> WatchOutcome:
        self.api.clock.current = at
        return await watch_leads(repos=self.api.runtime.repos, now=at)

    async def alerts(self) -> list[dict[str, Any]]:
        return await self.api.db.staff_alerts.find({"group_id": self.group_id}, {"_id": 0}).to_list(None)

    async def lead_check_at(self) -> datetime | None:
        group = await self.api.db.groups.find_one({"_id": self.group_id})
        assert group is not None
        value: datetime | None = group["lead_check_at"]
        return value

    async def last_active(self, person: Person) -> datetime | None:
        found = await self.api.db.memberships.find_one({"group_id": self.group_id, "member_id": person.id})
        assert found is not None
        value: datetime | None = found["last_active_at"]
        return value

    async def act(self, name: str, person: Person, at: datetime, **input_: Any) -> dict[str, Any]:
        self.api.clock.current = at
        return await mutate(self.api.gql, name, person.token, groupId=self.group_id, **input_)


async def _world(api: FrozenApi, auth_emulator: AuthEmulator, *, co_lead: bool = False) -> World:
    """A closed group made at T0 by its lead, with a member (and a co-lead, when asked)."""
    people = [await onboarded_member(api.gql, auth_emulator, displayName=name) for name in ("Lead", "Co", "Mo")]
    lead, second, member = people
    group_id = await created_group(api.gql, lead, name="Riverside circle")
    code = await invite_code(api.gql, lead, group_id)
    for person in (second, member):
        await joined(api.gql, person, code=code)
    if co_lead:
        result = await mutate(api.gql, "CoLeadPromote", lead.token, groupId=group_id, memberId=second.id)
        assert result["__typename"] == "CoLeadPromoteSuccess", result
    return World(api=api, lead=lead, co_lead=second, member=member, group_id=group_id)


async def test_a_lead_who_does_nothing_for_14_days_raises_one_alert_that_staff_see(
    settings: Settings, auth_emulator: AuthEmulator
) -> None:
    async with frozen_api(settings, T0, isolated=True) as api:
        # Given a group its lead set up at T0 and then left alone
        world = await _world(api, auth_emulator)
        assert await world.lead_check_at() == T0 + 14 * DAY

        # When the watch runs on day 13, then on day 14, then twice more
        before = await world.watch(T0 + 13 * DAY)
        raised = await world.watch(T0 + 14 * DAY)
        again = await world.watch(T0 + 14 * DAY)
        later = await world.watch(T0 + 14 * DAY + timedelta(hours=1))

        # Then nothing was due on day 13, one alert is raised on day 14, and repeats add none
        assert (before, raised, again, later) == (
            WatchOutcome(), WatchOutcome(checked=1, raised=1), WatchOutcome(), WatchOutcome(checked=1),
        )  # fmt: skip
        [alert] = await world.alerts()
        assert {k: alert[k] for k in ("kind", "status", "last_leader_activity_at", "created_at")} == {
            "kind": "no_active_lead", "status": "open", "last_leader_activity_at": T0, "created_at": T0 + 14 * DAY,
        }  # fmt: skip
        assert await world.lead_check_at() == T0 + 14 * DAY + timedelta(hours=2)  # hourly while open

        # And staff with either claim see it, with the group's name
        admin = await onboarded_member(api.gql, auth_emulator, claims={"admin": True})
        safeguarding = await onboarded_member(api.gql, auth_emulator, claims={"safeguarding": True})
        for staff in (admin, safeguarding):
            body = await api.gql(STAFF_ALERTS, token=staff.token)
            assert body["data"]["staffAlerts"]["nodes"] == [{
                "kind": "NO_ACTIVE_LEAD", "status": "OPEN", "groupId": world.group_id,
                "groupName": "Riverside circle",
                "lastLeaderActivityAt": T0.isoformat(), "createdAt": (T0 + 14 * DAY).isoformat(), "resolvedAt": None,
            }]  # fmt: skip


async def test_the_lead_acting_again_resolves_the_alert_within_the_hour_and_a_new_spell_raises_a_new_one(
    settings: Settings, auth_emulator: AuthEmulator
) -> None:
    async with frozen_api(settings, T0, isolated=True) as api:
        # Given an open alert
        world = await _world(api, auth_emulator)
        await world.watch(T0 + 14 * DAY)

        # When the lead changes the group's description on day 15 and the watch runs within the hour
        back = T0 + 15 * DAY
        updated = await world.act("GroupUpdate", world.lead, back, description="We meet on Thursdays now.")
        resolved = await world.watch(back + timedelta(hours=1))

        # Then the alert resolves by itself, and the next look is 14 days after the lead's action
        assert updated["__typename"] == "GroupUpdateSuccess"
        assert await world.last_active(world.lead) == back
        assert resolved == WatchOutcome(checked=1, resolved=1)
        [alert] = await world.alerts()
        assert (alert["status"], alert["resolved_at"]) == ("resolved", back + timedelta(hours=1))
        assert await world.lead_check_at() == back + 14 * DAY

        # And 14 quiet days later a new alert is raised beside the resolved one
        assert await world.watch(back + 14 * DAY) == WatchOutcome(checked=1, raised=1)
        assert sorted(a["status"] for a in await world.alerts()) == ["open", "resolved"]


async def test_a_co_lead_who_acts_keeps_the_group_looked_after(settings: Settings, auth_emulator: AuthEmulator) -> None:
    async with frozen_api(settings, T0, isolated=True) as api:
        # Given a group whose lead does nothing after T0, and whose co-lead makes an invite on day 10
        world = await _world(api, auth_emulator, co_lead=True)
        invited = await world.act("InviteCreate", world.co_lead, T0 + 10 * DAY)

        # When the watch runs on day 14, then on day 24
        day_14 = await world.watch(T0 + 14 * DAY)
        day_24 = await world.watch(T0 + 24 * DAY)

        # Then the co-lead's action counts for day 14; by day 24 nobody has acted for 14 days
        assert invited["__typename"] == "InviteCreateSuccess"
        assert (day_14, day_24) == (WatchOutcome(checked=1), WatchOutcome(checked=1, raised=1))
        [alert] = await world.alerts()
        assert alert["last_leader_activity_at"] == T0 + 10 * DAY


async def test_a_lead_who_goes_away_is_flagged_14_days_after_leaving_and_shows_as_not_around_at_once(
    settings: Settings, auth_emulator: AuthEmulator
) -> None:
    async with frozen_api(settings, T0, isolated=True) as api:
        # Given the only lead goes away on day 5 for 60 days
        world = await _world(api, auth_emulator)
        left = T0 + 5 * DAY
        away = await world.act("LeadAwaySet", world.lead, left, until=(left + 60 * DAY).isoformat())

        # Then myLeadership says at once that nobody is around
        assert away["__typename"] == "LeadAwaySetSuccess"
        api.clock.current = left + DAY
        assert await _has_active_leader(api, world) is False

        # And the watch flags the group 14 days after they left, not 14 days after T0
        assert await world.watch(T0 + 14 * DAY) == WatchOutcome(checked=1)
        assert await world.watch(left + 14 * DAY) == WatchOutcome(checked=1, raised=1)


async def test_my_leadership_says_whether_a_leader_is_around(settings: Settings, auth_emulator: AuthEmulator) -> None:
    async with frozen_api(settings, T0, isolated=True) as api:
        world = await _world(api, auth_emulator, co_lead=True)

        api.clock.current = T0 + 13 * DAY
        recent = await _has_active_leader(api, world)
        api.clock.current = T0 + 14 * DAY
        quiet = await _has_active_leader(api, world)
        await world.act("InviteCreate", world.co_lead, T0 + 14 * DAY)
        co_lead_acted = await _has_active_leader(api, world)

        assert (recent, quiet, co_lead_acted) == (True, False, True)


async def test_staff_acting_from_outside_does_not_count_as_the_group_being_led(
    settings: Settings, auth_emulator: AuthEmulator
) -> None:
    async with frozen_api(settings, T0, isolated=True) as api:
        # Given staff remove a member on day 10, while the lead does nothing
        world = await _world(api, auth_emulator)
        admin = await onboarded_member(api.gql, auth_emulator, claims={"admin": True})
        removed = await world.act("MemberRemove", admin, T0 + 10 * DAY, memberId=world.member.id, reason="Spam.")

        # Then the group is still flagged on day 14
        assert removed["__typename"] == "MemberRemoveSuccess"
        assert await world.watch(T0 + 14 * DAY) == WatchOutcome(checked=1, raised=1)
        assert await world.last_active(world.lead) == T0  # their invite at T0: the staff action is not theirs


async def test_archiving_stands_an_open_alert_down_and_ends_the_watch(
    settings: Settings, auth_emulator: AuthEmulator
) -> None:
    async with frozen_api(settings, T0, isolated=True) as api:
        world = await _world(api, auth_emulator)
        await world.watch(T0 + 14 * DAY)

        archived = await world.act("GroupArchive", world.lead, T0 + 14 * DAY + timedelta(minutes=10))
        resolved = await world.watch(T0 + 14 * DAY + timedelta(minutes=11))

        assert archived["__typename"] == "GroupArchiveSuccess"
        assert resolved == WatchOutcome(checked=1, resolved=1)
        assert await world.lead_check_at() is None
        assert await world.watch(T0 + 100 * DAY) == WatchOutcome()


ACTIONS: dict[str, tuple[str, str, Callable[[World], dict[str, Any]]]] = {
    "lead-updates-the-group": ("GroupUpdate", "lead", lambda w: {"description": "New words."}),
    "co-lead-makes-an-invite": ("InviteCreate", "co_lead", lambda w: {}),
    "co-lead-removes-a-member": ("MemberRemove", "co_lead", lambda w: {"memberId": w.member.id, "reason": "Rude."}),
    "lead-demotes-the-co-lead": ("CoLeadDemote", "lead", lambda w: {"memberId": w.co_lead.id}),
    "co-lead-says-they-are-back": ("LeadAwaySet", "co_lead", lambda w: {"until": None}),
}


@pytest.mark.parametrize("action", list(ACTIONS))
async def test_each_named_action_of_a_leader_is_their_activity(
    settings: Settings, auth_emulator: AuthEmulator, action: str
) -> None:
    async with frozen_api(settings, T0) as api:
        # Given a group set up at T0 with a lead, a co-lead and a member
        world = await _world(api, auth_emulator, co_lead=True)
        name, actor, input_ = ACTIONS[action]
        person: Person = getattr(world, actor)
        others = [p for p in (world.lead, world.co_lead) if p is not person]
        before = [await world.last_active(p) for p in others]

        # When one of the leaders acts on day 2
        result = await world.act(name, person, T0 + 2 * DAY, **input_(world))

        # Then that is their activity, and only theirs
        assert result["__typename"] == f"{name}Success", result
        assert await world.last_active(person) == T0 + 2 * DAY
        assert [await world.last_active(p) for p in others] == before


async def test_deciding_a_join_request_is_activity(settings: Settings, auth_emulator: AuthEmulator) -> None:
    async with frozen_api(settings, T0) as api:
        world = await _world(api, auth_emulator, co_lead=True)
        asker = await onboarded_member(api.gql, auth_emulator)
        asked = await asked_to_join(api.gql, asker, world.lead, world.group_id)
        api.clock.current = T0 + 3 * DAY

        decided = await mutate(api.gql, "JoinRequestDecide", world.co_lead.token,
                               requestId=asked["id"], decision="APPROVE")  # fmt: skip

        assert decided["__typename"] == "JoinRequestDecideSuccess", decided
        assert await world.last_active(world.co_lead) == T0 + 3 * DAY


async def test_activity_is_kept_to_the_hour_and_a_plain_member_joining_records_none(
    settings: Settings, auth_emulator: AuthEmulator
) -> None:
    async with frozen_api(settings, T0) as api:
        world = await _world(api, auth_emulator)

        await world.act("InviteCreate", world.lead, T0 + DAY)
        await world.act("InviteCreate", world.lead, T0 + DAY + timedelta(minutes=30))
        within_the_hour = await world.last_active(world.lead)
        await world.act("InviteCreate", world.lead, T0 + DAY + timedelta(minutes=61))

        assert within_the_hour == T0 + DAY
        assert await world.last_active(world.lead) == T0 + DAY + timedelta(minutes=61)
        assert await world.last_active(world.member) is None


@pytest.mark.parametrize(("role", "error"), [("anonymous", "UNAUTHENTICATED"), ("member", "FORBIDDEN"),
                                             ("lead", "FORBIDDEN")])  # fmt: skip
async def test_only_staff_read_staff_alerts(
    settings: Settings, auth_emulator: AuthEmulator, role: str, error: str
) -> None:
    async with frozen_api(settings, T0, isolated=True) as api:
        world = await _world(api, auth_emulator)
        await world.watch(T0 + 14 * DAY)
        token = None if role == "anonymous" else getattr(world, role).token

        body = await api.gql(STAFF_ALERTS, token=token)

        assert body["data"] is None
        assert [e["extensions"]["code"] for e in body["errors"]] == [error]


async def test_one_tick_costs_three_reads_and_a_write_per_due_group_however_many_groups_exist(
    settings: Settings, auth_emulator: AuthEmulator, command_counter: CommandCounter
) -> None:
    async with frozen_api(settings, T0, isolated=True, listeners=[command_counter]) as api:
        # Given 4 groups, of which only 2 are due at the watch's time
        lead = await onboarded_member(api.gql, auth_emulator)
        for offset in (0, 0, 3, 3):
            api.clock.current = T0 + offset * DAY
            await created_group(api.gql, lead)

        with command_counter.counting() as commands:
            outcome = await watch_leads(repos=api.runtime.repos, now=T0 + 14 * DAY)

        # Then: the due groups, their leaders, their open alerts; one alert and one reschedule each
        assert outcome == WatchOutcome(checked=2, raised=2)
        assert commands == ["find", "find", "find", "insert", "update", "insert", "update"]


async def _has_active_leader(api: FrozenApi, world: World) -> bool:
    body = await api.gql("query { myLeadership { groups { nodes { hasActiveLeader } } } }", token=world.lead.token)
    [node] = body["data"]["myLeadership"]["groups"]["nodes"]
    active: bool = node["hasActiveLeader"]
    return active
