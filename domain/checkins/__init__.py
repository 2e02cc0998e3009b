"""Check-ins: a member's own record of how they are, shared with a group if they choose.

Other contexts, the API and the workers import these from here, never from the modules
(tests may reach into a module they test)."""

from __future__ import annotations

from domain.checkins.errors import CheckInError, CheckInErrorCode
from domain.checkins.policies import MINIMUM_MEMBERS, MoodCell
from domain.checkins.reading import (
    MoodDay,
    MoodTrend,
    Wellbeing,
    group_check_ins,
    group_wellbeing,
    mood_trend,
    my_check_ins,
)
from domain.checkins.reminders import remind_due, remind_group
from domain.checkins.service import Submitted, submit_check_in
from domain.checkins.validation import CheckInDraft

__all__ = [
    "MINIMUM_MEMBERS",
    "CheckInDraft",
    "CheckInError",
    "CheckInErrorCode",
    "MoodCell",
    "MoodDay",
    "MoodTrend",
    "Submitted",
    "Wellbeing",
    "group_check_ins",
    "group_wellbeing",
    "mood_trend",
    "my_check_ins",
    "remind_due",
    "remind_group",
    "submit_check_in",
]
