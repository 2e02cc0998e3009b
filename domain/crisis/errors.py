"""Error codes of the crisis context (screening, signposting, helplines, follow-ups)."""

from __future__ import annotations

from enum import StrEnum

from domain.errors import DomainError


class CrisisErrorCode(StrEnum):
    AGE_INVALID = "age_invalid"
    MOOD_RANGE = "mood_range"
    NOT_FOUND = "not_found"
    ALREADY_ANSWERED = "already_answered"


class CrisisError(DomainError):
    code: CrisisErrorCode
