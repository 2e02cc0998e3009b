"""Error codes of the safety context."""

from __future__ import annotations

from enum import StrEnum

from domain.errors import DomainError


class SafetyErrorCode(StrEnum):
    AGE_INVALID = "age_invalid"
    MOOD_RANGE = "mood_range"
    NOT_FOUND = "not_found"
    ALREADY_ANSWERED = "already_answered"


class SafetyError(DomainError):
    code: SafetyErrorCode
