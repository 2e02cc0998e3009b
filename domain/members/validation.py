"""Checks on what a member tells us about themself; each failure is a FieldIssue."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import phonenumbers

from domain.errors import FieldIssue
from domain.members.errors import MemberErrorCode
from domain.members.policies import MAXIMUM_AGE, MINIMUM_AGE, age_on
from domain.members.time import iana_zones
from domain.text import has_visible_text

DISPLAY_NAME_MAX = 40
_EMAIL_LIKE = re.compile(r"\S+@\S+\.\S+")
_PHONE_MIN_DIGITS = 7


def clean_display_name(raw: str) -> str:
    """NFC-normalised, trimmed, inner whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", raw).split())


def display_name_issues(name: str) -> list[FieldIssue]:
    if not 1 <= len(name) <= DISPLAY_NAME_MAX:
        return [_issue("displayName", MemberErrorCode.DISPLAY_NAME_LENGTH, f"Use 1 to {DISPLAY_NAME_MAX} characters.")]
    if any(unicodedata.category(char).startswith("C") for char in name) or not has_visible_text(name):
        return [
            _issue("displayName", MemberErrorCode.DISPLAY_NAME_CHARACTERS, "Use letters, numbers and punctuation only.")
        ]
    if _looks_like_email(name) or _contains_phone_number(name):
        message = "A display name can't be an email address or phone number: others in your groups see it."
        return [_issue("displayName", MemberErrorCode.DISPLAY_NAME_CONTACT_DETAILS, message)]
    return []


def date_of_birth_issues(date_of_birth: date, today: date) -> list[FieldIssue]:
    age = age_on(date_of_birth, today)
    if date_of_birth > today or age > MAXIMUM_AGE:
        return [_issue("dateOfBirth", MemberErrorCode.DATE_OF_BIRTH_INVALID, "Check your date of birth.")]
    if age < MINIMUM_AGE:
        return [_issue("dateOfBirth", MemberErrorCode.TOO_YOUNG, f"You need to be {MINIMUM_AGE} or over to join.")]
    return []


def timezone_issues(name: str) -> list[FieldIssue]:
    if name not in iana_zones():
        return [_issue("timezone", MemberErrorCode.TIMEZONE_INVALID, "Use an IANA time zone such as Europe/London.")]
    return []


def _looks_like_email(text: str) -> bool:
    # Compatibility forms read the same to people: "sam＠example．com" is an address.
    return _EMAIL_LIKE.search(unicodedata.normalize("NFKC", text)) is not None


def _contains_phone_number(text: str) -> bool:
    # "GB" only sets the default region for numbers written without +44; short
    # digit runs ("Room 101", a year) are not numbers anyone could ring.
    compatible = unicodedata.normalize("NFKC", text)
    matches = phonenumbers.PhoneNumberMatcher(compatible, "GB", leniency=phonenumbers.Leniency.POSSIBLE)
    return any(len(str(match.number.national_number)) >= _PHONE_MIN_DIGITS for match in matches)


def _issue(field: str, code: MemberErrorCode, message: str) -> FieldIssue:
    return FieldIssue(field=field, code=code, message=message)
