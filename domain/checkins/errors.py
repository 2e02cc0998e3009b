"""Error codes of the check-ins context: each rule a check-in can break has its own."""

from __future__ import annotations

from enum import StrEnum

from domain.errors import DomainError


class CheckInErrorCode(StrEnum):
    MOOD_OUT_OF_RANGE = "mood_out_of_range"
    ENERGY_OUT_OF_RANGE = "energy_out_of_range"
    NOTE_TOO_LONG = "note_too_long"
    NOTE_CHARACTERS = "note_characters"
    TOO_MANY_TAGS = "too_many_tags"
    TAGS_REPEATED = "tags_repeated"
    VISIBILITY_NEEDS_GROUP = "visibility_needs_group"
    RECORDED_AT_INVALID = "recorded_at_invalid"
    RECORDED_AT_IN_FUTURE = "recorded_at_in_future"
    RECORDED_AT_TOO_OLD = "recorded_at_too_old"
    IDEMPOTENCY_KEY_INVALID = "idempotency_key_invalid"
    IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"
    GROUP_ARCHIVED = "group_archived"
    # Reading
    DAYS_OUT_OF_RANGE = "days_out_of_range"


class CheckInError(DomainError):
    code: CheckInErrorCode
