"""notificationPreferencesSet and notificationPreferences: the member's say over pushes; bad input writes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from infra.mongo.client import Database
from schemas.documents.notifications import PushStatus
from tests.factories.devices import SET_PREFERENCES, preferences_set
from tests.factories.members import onboarded_member, years_ago
from tests.factories.notifications import stored_notification
from tests.fixtures.app import GraphQLClient, RunningApi
from tests.fixtures.auth import AuthEmulator

READ = """
query NotificationPreferences {
  notificationPreferences {
    reminders nudges letLeadsKnowWhenQuiet quietHoursStart quietHoursEnd dailyPushCap onBreakUntil
  }
}
"""
DEFAULTS = {
    "reminders": True, "nudges": True, "letLeadsKnowWhenQuiet": True, "quietHoursStart": "21:00",
    "quietHoursEnd": "08:00", "dailyPushCap": 3, "onBreakUntil": None,
}  # fmt: skip


async def test_a_new_member_has_the_defaults_and_under_18s_get_no_nudges(
    gql: GraphQLClient, auth_emulator: AuthEmulator
) -> None:
    adult = await onboarded_member(gql, auth_emulator)
    young = await onboarded_member(gql, auth_emulator, dateOfBirth=years_ago(17).isoformat())
    assert (await gql(READ, token=adult.token))["data"]["notificationPreferences"] == DEFAULTS
    assert (await gql(READ, token=young.token))["data"]["notificationPreferences"] == DEFAULTS | {
        "nudges": False,
        "letLeadsKnowWhenQuiet": False,
    }


async def test_a_member_changes_some_preferences_and_the_rest_stay(
    gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database
) -> None:
    member = await onboarded_member(gql, auth_emulator)
    until = (datetime.now(UTC) + timedelta(days=7)).replace(microsecond=0)

    result = await preferences_set(
        gql, member, reminders=False, quietHoursStart="22:30", dailyPushCap=0, onBreakUntil=until.isoformat()
    )

    expected = DEFAULTS | {
        "reminders": False, "quietHoursStart": "22:30", "dailyPushCap": 0, "onBreakUntil": until.isoformat(),
    }  # fmt: skip
    assert result["preferences"] == expected
    assert (await gql(READ, token=member.token))["data"]["notificationPreferences"] == expected
    stored = await db.members.find_one({"_id": member.id})
    assert stored is not None
    assert stored["preferences"]["on_break_until"] == until
    assert stored["preferences"]["let_leads_know_when_quiet"] is True


async def test_nulls_for_every_field_left_unset_change_only_what_was_set(
    gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database
) -> None:
    # Given a member on a break, with their own settings
    member = await onboarded_member(gql, auth_emulator)
    until = (datetime.now(UTC) + timedelta(days=1)).replace(microsecond=0).isoformat()
    mine = {"reminders": False, "quietHoursStart": "22:30", "dailyPushCap": 5, "onBreakUntil": until}
    await preferences_set(gql, member, **mine)

    # When the app saves one setting and sends null for every other field, as many clients do
    nulls = dict.fromkeys(["reminders", "letLeadsKnowWhenQuiet", "quietHoursStart", "quietHoursEnd",
                           "dailyPushCap", "onBreakUntil", "endBreak"])  # fmt: skip
    saved = await preferences_set(gql, member, **nulls, nudges=False)

    # Then only that setting changed: the break goes on, and nothing else was wiped
    assert saved["preferences"] == DEFAULTS | mine | {"nudges": False}
    stored = await db.members.find_one({"_id": member.id})
    assert stored is not None
    assert stored["preferences"]["on_break_until"] == datetime.fromisoformat(until)


async def test_end_break_ends_a_break_and_cannot_come_with_a_new_one(
    gql: GraphQLClient, auth_emulator: AuthEmulator
) -> None:
    member = await onboarded_member(gql, auth_emulator)
    until = (datetime.now(UTC) + timedelta(days=1)).replace(microsecond=0).isoformat()
    await preferences_set(gql, member, onBreakUntil=until)

    both = await gql(SET_PREFERENCES, {"input": {"endBreak": True, "onBreakUntil": until}}, token=member.token)
    kept = await gql(SET_PREFERENCES, {"input": {"endBreak": False}}, token=member.token)
    ended = await preferences_set(gql, member, endBreak=True, onBreakUntil=None)
    both, kept = both["data"]["notificationPreferencesSet"], kept["data"]["notificationPreferencesSet"]

    assert (both["code"], [e["field"] for e in both["fieldErrors"]]) == ("BREAK_CHOICE_CONFLICT", ["endBreak"])
    assert kept["__typename"] == "NotificationPreferencesSetError"  # false alone changes nothing at all
    assert kept["code"] == "NOTHING_TO_UPDATE"
    assert ended["preferences"]["onBreakUntil"] is None


async def test_changing_preferences_lets_held_pushes_be_decided_again(
    gql: GraphQLClient, auth_emulator: AuthEmulator, api: RunningApi, db: Database
) -> None:
    member = await onboarded_member(gql, auth_emulator)
    later = datetime.now(UTC) + timedelta(hours=8)
    held = await stored_notification(api.runtime.repos, member.id, created_at=datetime.now(UTC))
    await db.notifications.update_one(
        {"_id": held.id}, {"$set": {"push.status": PushStatus.DEFERRED, "push.not_before": later}}
    )

    await preferences_set(gql, member, quietHoursStart="23:00")

    stored = await db.notifications.find_one({"_id": held.id})
    assert stored is not None
    assert stored["push"]["status"] == PushStatus.DEFERRED
    assert stored["push"]["not_before"] < later - timedelta(hours=7)  # due now: the sweeper takes it next tick


def _in(days: float) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).isoformat()


@pytest.mark.parametrize(
    ("values", "code", "field"),
    [
        pytest.param({}, "NOTHING_TO_UPDATE", None, id="nothing"),
        pytest.param({"quietHoursStart": "9pm"}, "QUIET_HOURS_INVALID", "quietHoursStart", id="words"),
        pytest.param({"quietHoursStart": "24:00"}, "QUIET_HOURS_INVALID", "quietHoursStart", id="24-00"),
        pytest.param({"quietHoursEnd": "8:00"}, "QUIET_HOURS_INVALID", "quietHoursEnd", id="one-digit-hour"),
        pytest.param({"quietHoursEnd": "08:60"}, "QUIET_HOURS_INVALID", "quietHoursEnd", id="60-minutes"),
        pytest.param({"dailyPushCap": -1}, "DAILY_PUSH_CAP_RANGE", "dailyPushCap", id="cap-negative"),
        pytest.param({"dailyPushCap": 11}, "DAILY_PUSH_CAP_RANGE", "dailyPushCap", id="cap-11"),
        pytest.param({"onBreakUntil": _in(-1)}, "ON_BREAK_UNTIL_PAST", "onBreakUntil", id="break-past"),
        pytest.param({"onBreakUntil": _in(366)}, "ON_BREAK_UNTIL_TOO_FAR", "onBreakUntil", id="break-too-far"),
        pytest.param({"onBreakUntil": "2030-01-01T09:00:00"}, "ON_BREAK_UNTIL_INVALID", "onBreakUntil", id="no-offset"),
        pytest.param(
            {"reminders": False, "dailyPushCap": 50}, "DAILY_PUSH_CAP_RANGE", "dailyPushCap", id="one-bad-one-good"
        ),
    ],
)
async def test_each_invalid_preference_returns_its_code_and_writes_nothing(
    gql: GraphQLClient,
    auth_emulator: AuthEmulator,
    api: RunningApi,
    db: Database,
    values: dict[str, Any],
    code: str,
    field: str | None,
) -> None:
    member = await onboarded_member(gql, auth_emulator)
    held = await stored_notification(api.runtime.repos, member.id, created_at=datetime.now(UTC))
    member_before = await db.members.find_one({"_id": member.id})
    notification_before = await db.notifications.find_one({"_id": held.id})

    body = await gql(SET_PREFERENCES, {"input": values}, token=member.token)

    result = body["data"]["notificationPreferencesSet"]
    assert (result["__typename"], result["code"]) == ("NotificationPreferencesSetError", code)
    assert [(e["field"], e["code"]) for e in result["fieldErrors"]] == ([(field, code)] if field else [])
    assert await db.members.find_one({"_id": member.id}) == member_before
    assert await db.notifications.find_one({"_id": held.id}) == notification_before


async def test_every_invalid_preference_is_reported_at_once(gql: GraphQLClient, auth_emulator: AuthEmulator) -> None:
    member = await onboarded_member(gql, auth_emulator)
    body = await gql(
        SET_PREFERENCES,
        {"input": {"quietHoursStart": "x", "quietHoursEnd": "y", "dailyPushCap": 99, "onBreakUntil": _in(-2)}},
        token=member.token,
    )
    result = body["data"]["notificationPreferencesSet"]
    assert [(e["field"], e["code"]) for e in result["fieldErrors"]] == [
        ("quietHoursStart", "QUIET_HOURS_INVALID"),
        ("quietHoursEnd", "QUIET_HOURS_INVALID"),
        ("dailyPushCap", "DAILY_PUSH_CAP_RANGE"),
        ("onBreakUntil", "ON_BREAK_UNTIL_PAST"),
    ]
