"""Consent to being noticed: the defaults at 17 and 18, turning 18 changes nothing, and
an under-18 turns things on in one plain call, with nothing nudging them to (AADC-4).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from redis.asyncio import Redis

from infra.mongo.client import Database
from infra.settings import Settings
from tests.factories.devices import SET_PREFERENCES
from tests.factories.frozen import frozen_api
from tests.factories.members import onboarded_member, years_ago
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator

# Noon in London on 22 November 2027 (GMT).
NOW = datetime(2027, 11, 22, 12, 0, tzinfo=UTC)
READ = """
query Consent {
  me { isUnder18 }
  notificationPreferences { nudges letLeadsKnowWhenQuiet leadsMayMessageMe }
}
"""
FIELDS = """
query PreferenceFields { __type(name: "NotificationPreferences") { fields { name } } }
"""


async def _read(gql: GraphQLClient, token: str) -> dict[str, Any]:
    data: dict[str, Any] = (await gql(READ, token=token))["data"]
    return {"isUnder18": data["me"]["isUnder18"], **data["notificationPreferences"]}


async def test_a_member_of_17_starts_with_both_off_and_one_of_18_with_both_on(
    settings: Settings, auth_emulator: AuthEmulator
) -> None:
    async with frozen_api(settings, NOW) as api:
        # Given one member whose 18th birthday is tomorrow and one whose is today
        seventeen = await onboarded_member(api.gql, auth_emulator, dateOfBirth=date(2009, 11, 23).isoformat())
        eighteen = await onboarded_member(api.gql, auth_emulator, dateOfBirth=date(2009, 11, 22).isoformat())

        # Then the defaults follow their age on the day they joined
        assert await _read(api.gql, seventeen.token) == {
            "isUnder18": True, "nudges": False, "letLeadsKnowWhenQuiet": False, "leadsMayMessageMe": False,
        }  # fmt: skip
        assert await _read(api.gql, eighteen.token) == {
            "isUnder18": False, "nudges": True, "letLeadsKnowWhenQuiet": True, "leadsMayMessageMe": True,
        }  # fmt: skip


async def test_turning_18_keeps_the_members_own_choices(settings: Settings, auth_emulator: AuthEmulator) -> None:
    async with frozen_api(settings, NOW) as api:
        # Given a member who joined at 17 (defaults off) and one who turned nudges on at 17
        kept_off = await onboarded_member(api.gql, auth_emulator, dateOfBirth=date(2009, 11, 23).isoformat())
        chose = await onboarded_member(api.gql, auth_emulator, dateOfBirth=date(2009, 11, 23).isoformat())
        await api.gql(SET_PREFERENCES, {"input": {"nudges": True}}, token=chose.token)

        # When both turn 18
        api.clock.advance(timedelta(days=2))

        # Then they are adults, and nothing flipped on by itself: their settings are their own
        assert await _read(api.gql, kept_off.token) == {
            "isUnder18": False, "nudges": False, "letLeadsKnowWhenQuiet": False, "leadsMayMessageMe": False,
        }  # fmt: skip
        assert await _read(api.gql, chose.token) == {
            "isUnder18": False, "nudges": True, "letLeadsKnowWhenQuiet": False, "leadsMayMessageMe": False,
        }  # fmt: skip


async def test_a_member_stored_before_leads_could_message_reads_as_their_joining_age_allowed(
    settings: Settings, auth_emulator: AuthEmulator
) -> None:
    async with frozen_api(settings, NOW) as api:
        # Given members onboarded at 17 and at 30 whose documents predate the setting (no value stored)
        young = await onboarded_member(api.gql, auth_emulator, dateOfBirth=date(2009, 11, 23).isoformat())
        adult = await onboarded_member(api.gql, auth_emulator, dateOfBirth=date(1997, 1, 1).isoformat())
        await api.db.members.update_many(
            {"_id": {"$in": [young.id, adult.id]}}, {"$unset": {"preferences.leads_may_message_me": ""}}
        )

        # When the younger has since turned 18
        api.clock.advance(timedelta(days=2))

        # Then each reads as the default of the age they joined at: nothing flips on by itself
        assert (await _read(api.gql, young.token))["leadsMayMessageMe"] is False
        assert (await _read(api.gql, adult.token))["leadsMayMessageMe"] is True


async def test_an_under_18_turns_both_on_in_one_call_and_nothing_is_sent_or_queued(
    gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database, settings: Settings
) -> None:
    # Given a 17-year-old with the defaults
    young = await onboarded_member(gql, auth_emulator, dateOfBirth=years_ago(17, days=-30).isoformat())
    broker = Redis.from_url(settings.worker.broker_url)
    queued = await broker.llen("celery")

    # When they turn both on, then one off again
    on = await gql(SET_PREFERENCES, {"input": {"nudges": True, "letLeadsKnowWhenQuiet": True}}, token=young.token)
    off = await gql(SET_PREFERENCES, {"input": {"letLeadsKnowWhenQuiet": False}}, token=young.token)

    # Then each is one call, and the service sent them nothing about it
    assert on["data"]["notificationPreferencesSet"]["preferences"]["letLeadsKnowWhenQuiet"] is True
    assert off["data"]["notificationPreferencesSet"]["preferences"]["letLeadsKnowWhenQuiet"] is False
    assert await _read(gql, young.token) == {
        "isUnder18": True, "nudges": True, "letLeadsKnowWhenQuiet": False, "leadsMayMessageMe": False,
    }  # fmt: skip
    assert await db.notifications.count_documents({"member_id": young.id}) == 0
    assert await broker.llen("celery") == queued
    await broker.aclose()


async def test_the_preferences_hold_only_the_settings_and_no_prompt_to_lower_privacy(gql: GraphQLClient) -> None:
    # A field such as "recommended" or "suggestTurningOn" would be a nudge technique (AADC-4).
    body = await gql(FIELDS)
    assert {field["name"] for field in body["data"]["__type"]["fields"]} == {
        "reminders", "nudges", "letLeadsKnowWhenQuiet", "quietHoursStart", "quietHoursEnd", "dailyPushCap",
        "onBreakUntil", "leadsMayMessageMe", "reminderChannel",
    }  # fmt: skip
