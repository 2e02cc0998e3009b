"""Checking what a lead tells us about venues, the home area and sessions; each failure is a FieldIssue."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, time
from urllib.parse import urlsplit

from domain.errors import FieldIssue
from domain.groups import clean_postcode
from domain.members import parse_clock
from domain.sessions.errors import SessionError, SessionErrorCode
from schemas.documents.venues import Accessibility

VENUE_NAME_MAX = 120
ADDRESS_MAX = 300
DIRECTIONS_MAX = 1_000
ACCESS_NOTE_MAX = 500
LOCAL_AUTHORITY_MAX = 80
TITLE_MAX = 80
DESCRIPTION_MAX = 2_000
LINK_MAX = 500
DURATION_RANGE = (15, 8 * 60)
CAPACITY_RANGE = (1, 500)


def issue(field: str, code: SessionErrorCode, message: str) -> FieldIssue:
    return FieldIssue(field, code, message)


def raise_any(issues: list[FieldIssue]) -> None:
    if issues:
        raise SessionError.from_issues(issues)


def clean(raw: str) -> str:
    return unicodedata.normalize("NFC", raw).strip()


def length_issue(  # noqa: PLR0917 - reads as a sentence at each call
    field: str, value: str, low: int, high: int, code: SessionErrorCode, what: str
) -> list[FieldIssue]:
    if low <= len(value) <= high:
        return []
    need = f"up to {high}" if low == 0 else f"{low} to {high}"
    return [issue(field, code, f"{what} must be {need} characters.")]


@dataclass(frozen=True)
class VenueFields:
    name: str
    address: str
    postcode: str
    directions: str
    accessibility: Accessibility


def venue_issues(
    *, name: str | None, address: str | None, postcode: str | None, directions: str | None, note: str | None
) -> list[FieldIssue]:
    found: list[FieldIssue] = []
    if name is not None:
        found += length_issue("name", name, 1, VENUE_NAME_MAX, SessionErrorCode.VENUE_NAME_LENGTH, "A venue's name")
    if address is not None:
        found += length_issue("address", address, 1, ADDRESS_MAX, SessionErrorCode.ADDRESS_LENGTH, "The address")
    if postcode is not None and clean_postcode(postcode) is None:
        found.append(issue("postcode", SessionErrorCode.POSTCODE_INVALID, "Give the venue's full postcode."))
    if directions is not None:
        found += length_issue(
            "directions", directions, 0, DIRECTIONS_MAX, SessionErrorCode.DIRECTIONS_LENGTH, "Directions"
        )
    if note is not None:
        found += length_issue(
            "accessibility.note", note, 0, ACCESS_NOTE_MAX, SessionErrorCode.ACCESS_NOTE_LENGTH, "The note"
        )
    return found


def link_issues(link: str) -> list[FieldIssue]:
    parts = urlsplit(link)
    if len(link) > LINK_MAX or parts.scheme != "https" or not parts.netloc or " " in link:
        message = "Give the joining link as a full https:// address."
        return [issue("joiningLink", SessionErrorCode.JOINING_LINK_INVALID, message)]
    return []


def parse_day(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def when_issues(raw_date: str, raw_time: str, duration: int) -> tuple[list[FieldIssue], date | None, time | None]:
    found: list[FieldIssue] = []
    day = parse_day(raw_date)
    if day is None:
        found.append(issue("date", SessionErrorCode.DATE_INVALID, "Give the date as YYYY-MM-DD."))
    clock = parse_clock(raw_time)
    if clock is None:
        found.append(issue("startTime", SessionErrorCode.LOCAL_TIME_INVALID, "Give the time as HH:MM, 24-hour."))
    low, high = DURATION_RANGE
    if not low <= duration <= high:
        message = f"A session lasts {low} minutes to {high // 60} hours."
        found.append(issue("durationMinutes", SessionErrorCode.DURATION_OUT_OF_RANGE, message))
    return found, day, clock


def capacity_issues(capacity: int | None) -> list[FieldIssue]:
    low, high = CAPACITY_RANGE
    if capacity is not None and not low <= capacity <= high:
        message = f"Capacity is {low} to {high} people, or none."
        return [issue("capacity", SessionErrorCode.CAPACITY_OUT_OF_RANGE, message)]
    return []
