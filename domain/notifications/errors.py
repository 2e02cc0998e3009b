"""Error codes of the notifications context."""

from __future__ import annotations

from enum import StrEnum

from domain.errors import DomainError


class NotificationErrorCode(StrEnum):
    NOTHING_TO_UPDATE = "nothing_to_update"
    QUIET_HOURS_INVALID = "quiet_hours_invalid"
    DAILY_PUSH_CAP_RANGE = "daily_push_cap_range"
    ON_BREAK_UNTIL_INVALID = "on_break_until_invalid"
    ON_BREAK_UNTIL_PAST = "on_break_until_past"
    ON_BREAK_UNTIL_TOO_FAR = "on_break_until_too_far"
    BREAK_CHOICE_CONFLICT = "break_choice_conflict"
    IDS_COUNT = "ids_count"


class NotificationError(DomainError):
    code: NotificationErrorCode
