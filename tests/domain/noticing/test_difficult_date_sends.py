"""Difficult dates on the day: the member's check-in at 09:00 their time and their leads'
heads-up from 18:00 the evening before, driven by a moved clock and called as the
worker calls it. Each test has a database of its own: the tick reads everything due.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from domain.noticing.difficult_date_sends import DifficultDatesOutcome, send_due_difficult_dates
from domain.notifications.catalogue import text_for
from infra.settings import Settings
from schemas.documents.members import Language
from schemas.documents.notifications import NotificationKind
from tests.factories.devices import SET_PREFERENCES
from tests.factories.frozen import FrozenApi, frozen_api
from tests.factories.groups import created_group, invite_code, joined, mutate
from tests.factories.members import TestMember as Person
from tests.factories.members import onboarded_member
from tests.factories.noticing import added_date
from tests.fixtures.app import CommandCounter
from tests.fixtures.auth import AuthEmulator

ADDED = datetime(2027, 3, 20, 12, 0, tzinfo=UTC)
# 28 March 2027: the clocks go forward in London at 01:00 UTC, so 09:00 there is 08:00 UTC.
CHECK_IN = datetime(2027, 3, 28, 8, 0, tzinfo=UTC)
# The evening before is still GMT in London: 18:00 there is 18:00 UTC.
EVENING_BEFORE = datetime(2027, 3, 27, 18, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)
INBOX = "query { notifications { nodes { kind title body params { key value } } } }"


@dataclass(frozen=True)
class World:
    api: FrozenApi
    member: Person
    lead: Person
    co_lead: Person
    group_id: str

    async def tick(self, at: datetime) -> DifficultDatesOutcome:
        self.api.clock.current = at
        return await send_due_difficult_dates(repos=self.api.runtime.repos, queue=self.api.runtime.queue, now=at)

    async def sent(self, kind: NotificationKind, to: Person | None = None) -> list[dict[str, Any]]:
        query: dict[str, Any] = {"kind": kind.value} | ({"member_id": to.id} if to else {})
        return await self.api.db.notifications.find(query).to_list(None)

    async def stored(self, date_id: str) -> dict[str, Any]:
        found = await self.api.db.difficult_dates.find_one({"_id": date_id})
        assert found is not None
        return found


@pytest.fixture
async def world(settings: Settings, auth_emulator: AuthEmulator) -> AsyncIterator[World]:
    """Sam, in a group led by Lee (London) with Cat as co-lead, on 20 March 2027."""
    async with frozen_api(settings, ADDED, isolated=True) as api:
        member, lead, co_lead = [
            await onboarded_member(api.gql, auth_emulator, displayName=name, language="EN")
            for name in ("Sam", "Lee", "Cat")
        ]
        group_id = await created_group(api.gql, lead)
        code = await invite_code(api.gql, lead, group_id)
        for person in (member, co_lead):
            await joined(api.gql, person, code=code)
        await mutate(api.gql, "CoLeadPromote", lead.token, groupId=group_id, memberId=co_lead.id)
        yield World(api=api, member=member, lead=lead, co_lead=co_lead, group_id=group_id)


async def test_the_member_is_checked_in_on_at_0900_their_time_once_and_the_date_moves_to_next_year(
    world: World,
) -> None:
    # Given Sam's anniversary on 28 March, the day the clocks go forward
    date_id = await added_date(world.api.gql, world.member, label="Dad's anniversary", month=3, day=28)

    # When the tick runs a minute before 09:00 there, at 09:00, and again
    early = await world.tick(CHECK_IN - MINUTE)
    on_time = await world.tick(CHECK_IN)
    again = await world.tick(CHECK_IN + MINUTE)

    # Then one gentle check-in is written at 09:00 BST, and the date moves on to next year's 09:00
    assert (early, on_time, again) == (DifficultDatesOutcome(), DifficultDatesOutcome(check_ins=1),
                                       DifficultDatesOutcome())  # fmt: skip
    [sent] = await world.sent(NotificationKind.DIFFICULT_DATE_CHECK_IN)
    assert (sent["member_id"], sent["params"], sent["urgent"]) == (world.member.id, {"difficultDateId": date_id}, False)
    assert sent["dedupe_key"] == f"difficult_date:{date_id}:2027-03-28:check_in"
    stored = await world.stored(date_id)
    assert (stored["check_in_on"], stored["next_check_in_at"]) == ("2028-03-28", datetime(2028, 3, 28, 8, tzinfo=UTC))

    # And the words on the lock screen are gentle and never the label
    text = text_for(NotificationKind.DIFFICULT_DATE_CHECK_IN, Language.EN)
    assert "anniversary" not in f"{text.title} {text.body}".lower()


async def test_on_the_day_the_clocks_go_back_it_is_still_0900_there(world: World) -> None:
    # 31 October 2027: London is back on GMT from 01:00 UTC, so 09:00 there is 09:00 UTC
    await added_date(world.api.gql, world.member, label="First Halloween without her", month=10, day=31)
    fall_back = datetime(2027, 10, 31, 9, 0, tzinfo=UTC)

    assert await world.tick(fall_back - MINUTE) == DifficultDatesOutcome()
    assert await world.tick(fall_back) == DifficultDatesOutcome(check_ins=1)


async def test_a_crash_after_sending_and_before_moving_on_sends_nothing_twice(world: World) -> None:
    # Given a tick that wrote the check-in but died before moving the date on
    date_id = await added_date(world.api.gql, world.member)
    await world.tick(CHECK_IN)
    await world.api.db.difficult_dates.update_one(
        {"_id": date_id}, {"$set": {"check_in_on": "2027-03-28", "next_check_in_at": CHECK_IN}}
    )

    # When the next tick finds it due again
    retried = await world.tick(CHECK_IN + MINUTE)

    # Then the notification's unique key stops a second one, and the date moves on
    assert retried == DifficultDatesOutcome()
    assert len(await world.sent(NotificationKind.DIFFICULT_DATE_CHECK_IN)) == 1
    assert (await world.stored(date_id))["check_in_on"] == "2028-03-28"


async def test_a_member_on_a_break_is_not_checked_in_on_and_leads_are_not_told(world: World) -> None:
    # Given Sam shares the date, then takes a break over it
    date_id = await added_date(world.api.gql, world.member, shareWithLeads=True)
    until = (CHECK_IN + timedelta(days=2)).isoformat()
    await world.api.gql(SET_PREFERENCES, {"input": {"onBreakUntil": until}}, token=world.member.token)

    # When the evening before and the morning come
    evening = await world.tick(EVENING_BEFORE)
    morning = await world.tick(CHECK_IN)

    # Then nothing is sent to anyone, and the date still moves on to next year
    assert (evening, morning) == (DifficultDatesOutcome(), DifficultDatesOutcome())
    assert await world.api.db.notifications.count_documents({}) == 0
    stored = await world.stored(date_id)
    assert (stored["check_in_on"], stored["heads_up_on"]) == ("2028-03-28", "2028-03-28")


async def test_a_check_in_missed_for_the_whole_day_is_not_sent_late(world: World) -> None:
    date_id = await added_date(world.api.gql, world.member)

    # The workers were down all day: the first tick is after midnight in London
    late = await world.tick(datetime(2027, 3, 28, 23, 0, tzinfo=UTC))

    assert late == DifficultDatesOutcome()
    assert (await world.stored(date_id))["check_in_on"] == "2028-03-28"


async def test_the_lead_is_told_from_1800_the_evening_before_naming_the_member_only_inside_the_app(
    world: World,
) -> None:
    # Given Sam shares the date with their leads
    date_id = await added_date(world.api.gql, world.member, label="Dad's anniversary", shareWithLeads=True)

    # When the tick runs before 18:00, at 18:00 and again that evening
    before = await world.tick(EVENING_BEFORE - MINUTE)
    at_six = await world.tick(EVENING_BEFORE)
    again = await world.tick(EVENING_BEFORE + timedelta(hours=2))

    # Then the lead (not the co-lead, as the lead is here) gets one heads-up
    assert (before, at_six, again) == (DifficultDatesOutcome(), DifficultDatesOutcome(heads_ups=1),
                                       DifficultDatesOutcome())  # fmt: skip
    [sent] = await world.sent(NotificationKind.DIFFICULT_DATE_HEADS_UP)
    assert sent["member_id"] == world.lead.id
    assert sent["params"] == {"memberId": world.member.id, "groupId": world.group_id}
    assert sent["dedupe_key"] == f"difficult_date:{date_id}:2027-03-28:heads_up:{world.lead.id}"
    assert (await world.stored(date_id))["next_heads_up_at"] == datetime(2028, 3, 27, 4, tzinfo=UTC)

    # And the push names nobody, the inbox names Sam, and neither carries the label
    push = text_for(NotificationKind.DIFFICULT_DATE_HEADS_UP, Language.EN)
    assert "Sam" not in f"{push.title} {push.body}"
    inbox = (await world.api.gql(INBOX, token=world.lead.token))["data"]["notifications"]["nodes"]
    [heads_up] = [n for n in inbox if n["kind"] == "DIFFICULT_DATE_HEADS_UP"]
    assert heads_up["body"] == "Sam has said tomorrow may be a hard day. A kind word from you could help."
    assert "anniversary" not in str(inbox).lower()


async def test_while_the_lead_is_away_the_co_lead_is_told(world: World) -> None:
    await added_date(world.api.gql, world.member, shareWithLeads=True)
    await world.api.runtime.repos.memberships.set_away(world.group_id, world.lead.id, until=CHECK_IN + MINUTE)

    assert await world.tick(EVENING_BEFORE) == DifficultDatesOutcome(heads_ups=1)
    assert [n["member_id"] for n in await world.sent(NotificationKind.DIFFICULT_DATE_HEADS_UP)] == [world.co_lead.id]


async def test_a_lead_in_another_zone_is_told_at_1800_in_theirs(world: World) -> None:
    # Given the lead lives in New York (already on summer time: 18:00 there is 22:00 UTC)
    await world.api.gql(
        'mutation { memberUpdate(input: {timezone: "America/New_York"}) { __typename } }', token=world.lead.token
    )
    date_id = await added_date(world.api.gql, world.member, shareWithLeads=True)
    new_york_evening = datetime(2027, 3, 27, 22, 0, tzinfo=UTC)

    # When the London evening comes, then the New York one
    london = await world.tick(EVENING_BEFORE)
    waiting_for = (await world.stored(date_id))["next_heads_up_at"]
    new_york = await world.tick(new_york_evening)

    # Then nothing is sent until it is 18:00 where the lead is, and the date waits for exactly then
    assert (london, waiting_for, new_york) == (DifficultDatesOutcome(), new_york_evening,
                                               DifficultDatesOutcome(heads_ups=1))  # fmt: skip


async def test_without_consent_nothing_is_sent_or_recorded_for_leads(world: World) -> None:
    # Given Sam keeps the date to themself
    date_id = await added_date(world.api.gql, world.member)

    # When the evening before and the day itself pass
    for at in (EVENING_BEFORE, EVENING_BEFORE + timedelta(hours=5), CHECK_IN):
        await world.tick(at)

    # Then Sam alone hears from the service, and nothing anywhere is for or about the leads
    assert [n["member_id"] for n in await world.api.db.notifications.find().to_list(None)] == [world.member.id]
    stored = await world.stored(date_id)
    assert (stored["heads_up_on"], stored["next_heads_up_at"]) == (None, None)


async def test_a_member_who_leads_the_group_is_not_told_about_themself(world: World) -> None:
    # Given the lead's own date, shared: their co-lead hears about it, not the lead
    await added_date(world.api.gql, world.lead, shareWithLeads=True)

    assert await world.tick(EVENING_BEFORE) == DifficultDatesOutcome(heads_ups=1)
    assert [n["member_id"] for n in await world.sent(NotificationKind.DIFFICULT_DATE_HEADS_UP)] == [world.co_lead.id]


async def test_a_ticks_cost_follows_the_dates_due_not_all_dates(
    settings: Settings, auth_emulator: AuthEmulator, command_counter: CommandCounter
) -> None:
    async with frozen_api(settings, ADDED, isolated=True, listeners=[command_counter]) as api:
        # Given two dates due at 09:00 on 28 March, with 0 and then 20 other dates beside them
        people = [await onboarded_member(api.gql, auth_emulator) for _ in range(2)]
        for person in people:
            await added_date(api.gql, person)
        costs = []
        for extra in (0, 20):
            for n in range(extra):
                await added_date(api.gql, people[n % 2], label=f"Another {n}", month=6, day=n + 1)
            await api.db.difficult_dates.update_many(
                {"month": 3}, {"$set": {"check_in_on": "2027-03-28", "next_check_in_at": CHECK_IN}}
            )
            await api.db.notifications.delete_many({})

            with command_counter.counting() as commands:
                outcome = await send_due_difficult_dates(repos=api.runtime.repos, queue=api.runtime.queue, now=CHECK_IN)
            costs.append((outcome, commands))

        # Then the same commands: the due dates, their members, a notification and a move each, and the
        # heads-up stream's one look
        assert costs[0] == costs[1] == (
            DifficultDatesOutcome(check_ins=2), ["find", "find", "insert", "update", "insert", "update", "find"],
        )  # fmt: skip
