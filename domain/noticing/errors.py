"""Error codes of the noticing context: difficult dates, asking leads for a message."""

from __future__ import annotations

from enum import StrEnum

from domain.errors import DomainError


class NoticingErrorCode(StrEnum):
    LABEL_LENGTH = "label_length"
    MONTH_INVALID = "month_invalid"
    DAY_INVALID = "day_invalid"
    YEAR_PAST = "year_past"
    YEAR_TOO_FAR = "year_too_far"
    TOO_MANY = "too_many"
    NOT_FOUND = "not_found"
    GROUP_ARCHIVED = "group_archived"
    NO_LEADER_AVAILABLE = "no_leader_available"


class NoticingError(DomainError):
    code: NoticingErrorCode
