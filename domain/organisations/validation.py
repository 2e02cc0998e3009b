"""Checking and cleaning an organisation's details and its staff's contact addresses."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email

from domain.errors import FieldIssue
from domain.members import timezone_issues
from domain.organisations.errors import OrganisationError, OrganisationErrorCode
from domain.text import has_visible_text
from schemas.documents.members import Nation

NAME_MAX = 120
URL_MAX = 500
EMAIL_MAX = 254
ACK_MINUTES_RANGE = range(1, 24 * 60 + 1)  # a page waits at most a day before it climbs


@dataclass(frozen=True)
class OrganisationDraft:
    name: str
    nations: tuple[Nation, ...]
    contact_email: str
    safeguarding_policy_url: str
    timezone: str = "Europe/London"
    ack_minutes_high: int = 15
    ack_minutes_other: int = 240


def _issue(field: str, code: OrganisationErrorCode, message: str) -> FieldIssue:
    return FieldIssue(field=field, code=code, message=message)


def clean_email(field: str, raw: str) -> tuple[str, list[FieldIssue]]:
    """The address in its normal form, or an issue. No DNS look-up: a charity's mailbox may be new."""
    try:
        found = validate_email(raw.strip(), check_deliverability=False)
    except EmailNotValidError:
        return raw, [_issue(field, OrganisationErrorCode.EMAIL_INVALID, "Check the email address.")]
    if len(found.normalized) > EMAIL_MAX:
        return raw, [_issue(field, OrganisationErrorCode.EMAIL_INVALID, "Check the email address.")]
    return found.normalized, []


def _is_https_url(url: str) -> bool:
    if len(url) > URL_MAX or any(char.isspace() for char in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme == "https" and "." in (parts.hostname or "")


def checked_draft(draft: OrganisationDraft) -> OrganisationDraft:
    """The draft cleaned, or every issue at once (OrganisationError)."""
    name = " ".join(draft.name.split())
    issues: list[FieldIssue] = []
    if not 1 <= len(name) <= NAME_MAX or not has_visible_text(name):
        issues.append(_issue("name", OrganisationErrorCode.NAME_LENGTH, f"Use 1 to {NAME_MAX} characters."))
    if not draft.nations:
        issues.append(_issue("nations", OrganisationErrorCode.NATIONS_REQUIRED, "Name at least one nation served."))
    email, found = clean_email("contactEmail", draft.contact_email)
    issues += found
    url = draft.safeguarding_policy_url.strip()
    if not _is_https_url(url):
        message = "Use a full https:// address of the safeguarding policy."
        issues.append(_issue("safeguardingPolicyUrl", OrganisationErrorCode.URL_INVALID, message))
    if timezone_issues(draft.timezone):
        message = "Use an IANA time zone such as Europe/London."
        issues.append(_issue("timezone", OrganisationErrorCode.TIMEZONE_INVALID, message))
    for field, minutes in (("ackMinutesHigh", draft.ack_minutes_high), ("ackMinutesOther", draft.ack_minutes_other)):
        if minutes not in ACK_MINUTES_RANGE:
            message = "Give 1 to 1,440 minutes."
            issues.append(_issue(field, OrganisationErrorCode.DEADLINE_OUT_OF_RANGE, message))
    if issues:
        raise OrganisationError.from_issues(issues)
    nations = tuple(dict.fromkeys(draft.nations))
    return OrganisationDraft(
        name=name, nations=nations, contact_email=email, safeguarding_policy_url=url, timezone=draft.timezone,
        ack_minutes_high=draft.ack_minutes_high, ack_minutes_other=draft.ack_minutes_other,
    )  # fmt: skip
