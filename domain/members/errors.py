"""Error codes of the members context."""

from __future__ import annotations

from enum import StrEnum

from domain.errors import DomainError


class MemberErrorCode(StrEnum):
    ALREADY_ONBOARDED = "already_onboarded"
    NOT_ONBOARDED = "not_onboarded"
    DISPLAY_NAME_LENGTH = "display_name_length"
    DISPLAY_NAME_CONTACT_DETAILS = "display_name_contact_details"
    DISPLAY_NAME_CHARACTERS = "display_name_characters"
    DATE_OF_BIRTH_INVALID = "date_of_birth_invalid"
    TOO_YOUNG = "too_young"
    TIMEZONE_INVALID = "timezone_invalid"
    NOTHING_TO_UPDATE = "nothing_to_update"


class MemberError(DomainError):
    code: MemberErrorCode
