"""Error codes of the safety context."""

from __future__ import annotations

from enum import StrEnum

from domain.errors import DomainError


class SafetyErrorCode(StrEnum):
    AGE_INVALID = "age_invalid"


class SafetyError(DomainError):
    code: SafetyErrorCode
