"""Error codes of the texting context."""

from __future__ import annotations

from enum import StrEnum

from domain.errors import DomainError


class TextingErrorCode(StrEnum):
    PHONE_INVALID = "phone_invalid"
    PHONE_TAKEN = "phone_taken"
    CONSENT_REQUIRED = "consent_required"
    AGE_REQUIRED = "age_required"
    DISPLAY_NAME_INVALID = "display_name_invalid"
    DATE_OF_BIRTH_INVALID = "date_of_birth_invalid"
    GROUP_ARCHIVED = "group_archived"
    GROUP_FULL = "group_full"
    AGE_NOT_ALLOWED = "age_not_allowed"


class TextingError(DomainError):
    code: TextingErrorCode
