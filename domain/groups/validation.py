"""Checks on what a lead tells us about their group; each failure is a FieldIssue."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from urllib.parse import urlsplit

from domain.errors import FieldIssue
from domain.groups.errors import GroupError, GroupErrorCode
from domain.members import clean_display_name, timezone_issues
from schemas.documents.groups import SignpostLink

NAME_MAX = 80
DESCRIPTION_MAX = 2_000
HOUSE_RULES_MAX = 2_000
CAPACITY_MIN = 2
CAPACITY_MAX = 100
SIGNPOSTING_MAX = 10
SIGNPOST_NAME_MAX = 80
SIGNPOST_DESCRIPTION_MAX = 300
URL_MAX = 500
MESSAGE_MAX = 500
REASON_MAX = 500
# Helplines include short numbers (999, 116 123, text 85258): digits with common separators.
_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{1,18}[0-9]$")


def clean_text(raw: str) -> str:
    """NFC-normalised and trimmed; inner line breaks kept (rules read as paragraphs)."""
    return unicodedata.normalize("NFC", raw).strip()


def clean_name(raw: str) -> str:
    return clean_display_name(raw)


def name_issues(name: str) -> list[FieldIssue]:
    if not 1 <= len(name) <= NAME_MAX:
        return [issue("name", GroupErrorCode.NAME_LENGTH, f"Use 1 to {NAME_MAX} characters.")]
    if any(unicodedata.category(char).startswith("C") for char in name):
        return [issue("name", GroupErrorCode.NAME_CHARACTERS, "Use letters, numbers and punctuation only.")]
    return []


def description_issues(description: str) -> list[FieldIssue]:
    if not 1 <= len(description) <= DESCRIPTION_MAX:
        message = f"Say what the group is for in 1 to {DESCRIPTION_MAX:,} characters."
        return [issue("description", GroupErrorCode.DESCRIPTION_LENGTH, message)]
    return []


def house_rules_issues(house_rules: str) -> list[FieldIssue]:
    if len(house_rules) > HOUSE_RULES_MAX:
        message = f"Keep the house rules to {HOUSE_RULES_MAX:,} characters."
        return [issue("houseRules", GroupErrorCode.HOUSE_RULES_LENGTH, message)]
    return []


def capacity_issues(capacity: int) -> list[FieldIssue]:
    if not CAPACITY_MIN <= capacity <= CAPACITY_MAX:
        message = f"A group holds {CAPACITY_MIN} to {CAPACITY_MAX} people."
        return [issue("capacity", GroupErrorCode.CAPACITY_OUT_OF_RANGE, message)]
    return []


def group_timezone_issues(timezone: str) -> list[FieldIssue]:
    """The same IANA check as a member's time zone, with this context's code."""
    return [issue("timezone", GroupErrorCode.TIMEZONE_INVALID, i.message) for i in timezone_issues(timezone)]


def clean_signposting(links: Sequence[SignpostLink]) -> list[SignpostLink]:
    return [
        SignpostLink(
            name=clean_name(link.name),
            phone=clean_text(link.phone) if link.phone else None,
            url=clean_text(link.url) if link.url else None,
            description=clean_text(link.description),
        )
        for link in links
    ]


def signposting_issues(links: Sequence[SignpostLink]) -> list[FieldIssue]:
    if len(links) > SIGNPOSTING_MAX:
        message = f"Up to {SIGNPOSTING_MAX} links: the ones that matter most."
        return [issue("signposting", GroupErrorCode.SIGNPOSTING_TOO_MANY, message)]
    return [issue for index, link in enumerate(links) for issue in _link_issues(f"signposting[{index}]", link)]


def _link_issues(path: str, link: SignpostLink) -> list[FieldIssue]:
    issues: list[FieldIssue] = []
    if not 1 <= len(link.name) <= SIGNPOST_NAME_MAX:
        issues.append(issue(f"{path}.name", GroupErrorCode.SIGNPOST_NAME_LENGTH, f"Use 1 to {SIGNPOST_NAME_MAX}."))
    if len(link.description) > SIGNPOST_DESCRIPTION_MAX:
        message = f"Keep it to {SIGNPOST_DESCRIPTION_MAX} characters."
        issues.append(issue(f"{path}.description", GroupErrorCode.SIGNPOST_DESCRIPTION_LENGTH, message))
    if not link.phone and not link.url:
        message = "Give a phone number or a web address."
        issues.append(issue(path, GroupErrorCode.SIGNPOST_CONTACT_REQUIRED, message))
    if link.phone and not _PHONE.match(link.phone):
        issues.append(issue(f"{path}.phone", GroupErrorCode.SIGNPOST_PHONE_INVALID, "Check the phone number."))
    if link.url and not _is_https_url(link.url):
        message = "Use a full https:// web address."
        issues.append(issue(f"{path}.url", GroupErrorCode.SIGNPOST_URL_INVALID, message))
    return issues


def _is_https_url(url: str) -> bool:
    if len(url) > URL_MAX or any(char.isspace() for char in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme == "https" and bool(parts.hostname) and "." in (parts.hostname or "")


def message_issues(message: str) -> list[FieldIssue]:
    if len(message) > MESSAGE_MAX:
        return [issue("message", GroupErrorCode.MESSAGE_LENGTH, f"Keep it to {MESSAGE_MAX} characters.")]
    return []


def reason_issues(reason: str) -> list[FieldIssue]:
    if not 1 <= len(reason) <= REASON_MAX:
        message = f"Give a reason in 1 to {REASON_MAX} characters: it is kept in the moderation log."
        return [issue("reason", GroupErrorCode.REASON_LENGTH, message)]
    return []


def issue(field: str, code: GroupErrorCode, message: str) -> FieldIssue:
    return FieldIssue(field=field, code=code, message=message)


def nothing_given(field: str) -> GroupError:
    """A set-mutation's one value was left out, which (unlike null) asks for no change."""
    message = "Nothing to change was given: send a value, or null to clear it."
    return GroupError.from_issues([issue(field, GroupErrorCode.NOTHING_TO_UPDATE, message)])
