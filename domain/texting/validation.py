"""Checks on a member registered by phone; each broken rule is a FieldIssue with its own code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.errors import FieldIssue
from domain.members import ADULT_AGE, clean_display_name, date_of_birth_issues, display_name_issues
from domain.texting.errors import TextingErrorCode
from infra.phones import normalise
from schemas.documents.members import Language, Nation


@dataclass(frozen=True)
class TextMemberDraft:
    """A member without the app, as a lead registers them: their number, name, consent and profile.
    `date_of_birth` None with `adult_confirmed` means "18 or over", confirmed by the lead with the member.
    """

    group_id: str
    phone_number: str
    display_name: str
    nation: Nation
    language: Language
    consent: bool
    date_of_birth: date | None = None
    adult_confirmed: bool = False


@dataclass(frozen=True)
class CleanDraft:
    phone: str  # E.164
    display_name: str
    date_of_birth: date


def clean(draft: TextMemberDraft, *, region: str, today: date) -> tuple[CleanDraft | None, list[FieldIssue]]:
    """The draft made ready to store, or every issue with it."""
    phone = normalise(draft.phone_number, region=region)
    issues = phone_and_consent_issues(phone, draft.consent)
    name = clean_display_name(draft.display_name)
    if display_name_issues(name):
        message = "Use 1 to 40 letters, numbers or punctuation, and no contact details: their group sees it."
        issues.append(_issue("displayName", TextingErrorCode.DISPLAY_NAME_INVALID, message))
    born = _date_of_birth(draft, today, issues)
    if issues or phone is None or born is None:
        return None, issues
    return CleanDraft(phone=phone, display_name=name, date_of_birth=born), []


def phone_and_consent_issues(phone: str | None, consent: bool) -> list[FieldIssue]:
    """A member giving their own number: a mobile that takes texts, and their consent."""
    issues = []
    if phone is None:
        message = "Give a mobile number that takes texts, such as 07400 123456 or +44 7400 123456."
        issues.append(_issue("phoneNumber", TextingErrorCode.PHONE_INVALID, message))
    if not consent:
        message = "Agree to be texted reminders at this number."
        issues.append(_issue("consent", TextingErrorCode.CONSENT_REQUIRED, message))
    return issues


def _date_of_birth(draft: TextMemberDraft, today: date, issues: list[FieldIssue]) -> date | None:
    if draft.date_of_birth is not None:
        if date_of_birth_issues(draft.date_of_birth, today):
            message = "Check the date of birth: members are 16 or over."
            issues.append(_issue("dateOfBirth", TextingErrorCode.DATE_OF_BIRTH_INVALID, message))
            return None
        return draft.date_of_birth
    if draft.adult_confirmed:
        return adult_placeholder(today)
    message = "Give their date of birth, or confirm with them that they are 18 or over."
    issues.append(_issue("dateOfBirth", TextingErrorCode.AGE_REQUIRED, message))
    return None


def adult_placeholder(today: date) -> date:
    """ "18 or over" as a date of birth: exactly 18 today, so every rule reads an adult (adult helplines)."""
    try:
        return today.replace(year=today.year - ADULT_AGE)
    except ValueError:  # 29 February
        return today.replace(year=today.year - ADULT_AGE, day=28)


def _issue(field: str, code: TextingErrorCode, message: str) -> FieldIssue:
    return FieldIssue(field=field, code=code, message=message)
