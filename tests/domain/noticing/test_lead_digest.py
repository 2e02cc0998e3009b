"""The leads' digest: once a day at 09:00 in the lead's time zone (across clock changes), only
when something waits (quiet members who allow it, join requests, reports), to the co-leads
while every lead is away; the push names nobody. Driven by a moved clock, called as the
worker calls it, each test in a database of its own.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from domain.groups.attention import next_digest_at
from domain.noticing.digest import DigestOutcome, send_digests
from domain.noticing.quiet_scan import scan_quiet
from domain.notifications.catalogue import text_for
from infra.settings import Settings
from schemas.documents.members import Language
from schemas.documents.notifications import NotificationKind
from tests.factories.devices import preferences_set
from tests.factories.frozen import FrozenApi, frozen_api
from tests.factories.groups import asked_to_join, created_group, invite_code, joined, mutate
from tests.factories.members import TestMember as Person
from tests.factories.members import onboarded_member
from tests.fixtures.auth import AuthEmulator

LONDON = ZoneInfo("Europe/London")
DAY = timedelta(days=1)
MINUTE = timedelta(minutes=1)
INBOX = "query { notifications { nodes { kind title body params { key value } } } }"


@pytest.mark.parametrize(
    ("now", "zone", "expected"),
    [
        # The night before the clocks go forward in London: 09:00 BST is 08:00 UTC
        (datetime(2027, 3, 27, 10, 0, tzinfo=UTC), "Europe/London", datetime(2027, 3, 28, 8, 0, tzinfo=UTC)),
        # ... and on the day they go back: 09:00 GMT is 09:00 UTC
        (datetime(2027, 10, 30, 10, 0, tzinfo=UTC), "Europe/London", datetime(2027, 10, 31, 9, 0, tzinfo=UTC)),
        # Before 09:00 on the day itself: that same morning
        (datetime(2027, 3, 28, 7, 59, tzinfo=UTC), "Europe/London", datetime(2027, 3, 28, 8, 0, tzinfo=UTC)),
        # Exactly at 09:00: the next day's
        (datetime(2027, 3, 28, 8, 0, tzinfo=UTC), "Europe/London", datetime(2027, 3, 29, 8, 0, tzinfo=UTC)),
        # New York changes two weeks earlier: 09:00 EDT is 13:00 UTC
        (datetime(2027, 3, 13, 20, 0, tzinfo=UTC), "America/New_York", datetime(2027, 3, 14, 13, 0, tzinfo=UTC)),
        (datetime(2027, 3, 12, 20, 0, tzinfo=UTC), "America/New_York", datetime(2027, 3, 13, 14, 0, tzinfo=UTC)),
    ],
)
def test_the_digest_is_at_0900_on_the_wall_clock_whatever_the_season(
    now: datetime, zone: str, expected: datetime
) -> None:
    assert next_digest_at(now, ZoneInfo(zone)) == expected


@dataclass(frozen=True)
class World:
    api: FrozenApi
    lead: Person
    co_lead: Person
    member: Person
    group_id: str

    async def scan(self, at: datetime) -> None:
        self.api.clock.current = at
        await scan_quiet(repos=self.api.runtime.repos, queue=self.api.runtime.queue, now=at)

    async def digest(self, at: datetime) -> DigestOutcome:
        self.api.clock.current = at
        return await send_digests(repos=self.api.runtime.repos, queue=self.api.runtime.queue, now=at)

    async def digests(self) -> list[tuple[str, str]]:
        cursor = self.api.db.notifications.find({"kind": NotificationKind.LEAD_DIGEST.value}).sort("created_at", 1)
        return [(n["member_id"], n["dedupe_key"]) async for n in cursor]

    async def due(self, person: Person) -> Any:
        found = await self.api.db.lead_digests.find_one({"_id": person.id})
        return found["next_at"] if found else "none"


async def a_world(api: FrozenApi, auth_emulator: AuthEmulator) -> World:
    """Lee leads (London), Cat co-leads, Sam is a member; the group has no schedule."""
    lead, co_lead, member = [
        await onboarded_member(api.gql, auth_emulator, displayName=name, language="EN")
        for name in ("Lee", "Cat", "Sam")
    ]
    group_id = await created_group(api.gql, lead)
    code = await invite_code(api.gql, lead, group_id, maxUses=2)
    for person in (co_lead, member):
        await joined(api.gql, person, code=code)
    await mutate(api.gql, "CoLeadPromote", lead.token, groupId=group_id, memberId=co_lead.id)
    return World(api=api, lead=lead, co_lead=co_lead, member=member, group_id=group_id)


@pytest.fixture
async def summer(settings: Settings, auth_emulator: AuthEmulator) -> AsyncIterator[World]:
    """Everyone joins on 1 June 2027 (London on BST); only Sam will go quiet (the leaders keep acting)."""
    async with frozen_api(settings, datetime(2027, 6, 1, 12, 0, tzinfo=UTC), isolated=True) as api:
        world = await a_world(api, auth_emulator)
        await api.db.memberships.update_many(  # the leaders are not the subject here
            {"group_id": world.group_id, "role": {"$ne": "member"}}, {"$set": {"next_evaluation_at": None}}
        )
        yield world


async def test_a_quiet_member_is_in_the_leads_digest_at_0900_bst_once_a_day_with_no_names(summer: World) -> None:
    # Given Sam has been quiet for 3 days by 11 June, 12:00 UTC: the leads now see them
    listed = datetime(2027, 6, 11, 12, 0, tzinfo=UTC)
    await summer.scan(listed)
    nine = datetime(2027, 6, 12, 8, 0, tzinfo=UTC)  # 09:00 in London, on BST
    assert await summer.due(summer.lead) == nine

    # When the digest tick runs a minute before, at 09:00 twice, and later that day
    assert (await summer.digest(nine - MINUTE)).sent == 0
    assert (await summer.digest(nine)).sent == 1
    assert (await summer.digest(nine)).sent == 0
    assert (await summer.digest(nine + 3 * timedelta(hours=1))).sent == 0

    # Then Lee got one digest (Cat, a co-lead with the lead around, none), due again tomorrow
    assert await summer.digests() == [(summer.lead.id, f"lead_digest:{summer.lead.id}:2027-06-12")]
    assert await summer.due(summer.lead) == nine + DAY
    body = await summer.api.gql(INBOX, {}, token=summer.lead.token)
    [notice] = body["data"]["notifications"]["nodes"]
    text = text_for(NotificationKind.LEAD_DIGEST, Language.EN)
    assert (notice["title"], notice["body"], notice["params"]) == (text.title, text.body, [])
    assert "Sam" not in notice["body"]

    # And the next morning, with Sam still quiet, one more
    assert (await summer.digest(nine + DAY)).sent == 1


async def test_while_the_lead_is_away_the_co_lead_gets_the_digest(summer: World) -> None:
    await summer.scan(datetime(2027, 6, 11, 12, 0, tzinfo=UTC))
    await mutate(summer.api.gql, "LeadAwaySet", summer.lead.token, groupId=summer.group_id,
                 until="2027-06-20T12:00:00Z")  # fmt: skip

    await summer.digest(datetime(2027, 6, 12, 8, 0, tzinfo=UTC))

    assert await summer.digests() == [(summer.co_lead.id, f"lead_digest:{summer.co_lead.id}:2027-06-12")]


async def test_without_consent_and_with_nothing_else_waiting_no_lead_hears_anything(summer: World) -> None:
    await preferences_set(summer.api.gql, summer.member, letLeadsKnowWhenQuiet=False)

    await summer.scan(datetime(2027, 6, 11, 12, 0, tzinfo=UTC))
    await summer.digest(datetime(2027, 6, 12, 8, 0, tzinfo=UTC))

    assert await summer.digests() == []
    assert await summer.due(summer.lead) == "none"
    assert await summer.api.db.lead_digests.count_documents({}) == 0


async def test_a_join_request_in_winter_brings_a_digest_at_0900_gmt_then_none_once_answered(
    settings: Settings, auth_emulator: AuthEmulator
) -> None:
    async with frozen_api(settings, datetime(2027, 1, 10, 12, 0, tzinfo=UTC), isolated=True) as api:
        world = await a_world(api, auth_emulator)
        # Given someone asks to join on 10 January
        outsider = await onboarded_member(api.gql, auth_emulator, displayName="Ola")
        asked = await asked_to_join(api.gql, outsider, world.lead, world.group_id, message="Hi")
        nine = datetime(2027, 1, 11, 9, 0, tzinfo=UTC)  # 09:00 GMT
        assert await world.due(world.lead) == nine

        # When 09:00 comes: one digest, to Lee
        await world.digest(nine)
        assert await world.digests() == [(world.lead.id, f"lead_digest:{world.lead.id}:2027-01-11")]

        # When Lee answers it, the next morning finds nothing: no digest, and none due until something waits
        api.clock.current = nine + timedelta(hours=2)
        request_id = asked["id"]
        decided = await mutate(api.gql, "JoinRequestDecide", world.lead.token, requestId=request_id, decision="APPROVE")
        assert decided["__typename"] == "JoinRequestDecideSuccess", decided
        await world.digest(nine + DAY)
        assert len(await world.digests()) == 1
        assert await world.due(world.lead) is None
