"""Typed commands become MongoDB's `$set` only in the repository: KEEP leaves a field, None clears it."""

from __future__ import annotations

from datetime import UTC, datetime

from infra.mongo.commands import set_fields
from schemas.commands import KEEP, given, or_keep
from schemas.documents.groups import CheckInSchedule, GroupKind, GroupUpdate, QuietPolicyUpdate, SignpostLink
from schemas.documents.members import PreferencesUpdate
from schemas.documents.support_resources import Weekday


def test_only_the_given_fields_are_set_in_their_stored_form() -> None:
    link = SignpostLink(name="Samaritans", phone="116 123", description="Any time, day or night.")
    update = GroupUpdate(name="Tuesday group", kind=GroupKind.GENERAL, signposting=[link], schedule=None)

    assert set_fields(update) == {
        "name": "Tuesday group",
        "kind": "general",
        "signposting": [
            {"name": "Samaritans", "phone": "116 123", "url": None, "description": "Any time, day or night."}
        ],
        "schedule": None,
    }


def test_a_command_inside_a_command_sets_only_its_own_given_fields() -> None:
    schedule = CheckInSchedule(weekdays=(Weekday.MONDAY,), local_time="19:00")
    update = GroupUpdate(schedule=schedule, quiet_policy=QuietPolicyUpdate(inactive_days=5))

    assert set_fields(update) == {
        "schedule": schedule.model_dump(),  # as the group document stores it
        "quiet_policy.inactive_days": 5,
    }


def test_a_sub_document_command_goes_under_its_path_and_none_clears() -> None:
    assert set_fields(PreferencesUpdate(nudges=False, on_break_until=None), under="preferences") == {
        "preferences.nudges": False,
        "preferences.on_break_until": None,
    }
    until = datetime(2026, 5, 1, tzinfo=UTC)
    assert given(PreferencesUpdate(on_break_until=until)) == {"on_break_until": until}
    assert given(PreferencesUpdate()) == {}


def test_an_input_left_out_keeps_the_stored_value() -> None:
    assert or_keep(None) is KEEP
    assert or_keep(0) == 0
    assert or_keep("") == ""
