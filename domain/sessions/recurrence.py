"""When a series' occurrences happen: pure arithmetic, in the group's local time.

A series is a first local date and a wall-clock start in the group's IANA zone,
repeated weekly, fortnightly or monthly on the same weekday of the same week of
the month ("first Tuesday", "last Friday"); dateutil's rrule lists the local
dates, and each is read in the zone on its own day, so 19:00 in London stays
19:00 on the clock on both sides of the March and October changes (18:00 UTC in
summer, 19:00 UTC in winter). A start in the hour the clocks skip, or in the hour
that happens twice, is read as check-in schedules read it (domain/groups/occurrences.py):
after the gap, and the first of the two.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import MONTHLY, WEEKLY, rrule, weekday

from domain.errors import FieldIssue
from domain.members import local_time_at
from domain.sessions.errors import SessionErrorCode
from domain.sessions.validation import issue
from schemas.documents.sessions import Frequency, Recurrence

COUNT_RANGE = (2, 52)
DEFAULT_COUNT = 12
HORIZON = timedelta(days=366)  # a series reaches at most a year ahead
LAST = -1


@dataclass(frozen=True)
class RecurrenceDraft:
    frequency: Frequency
    count: int | None = None
    until: date | None = None
    week_of_month: int | None = None


def week_of_month(day: date) -> int:
    """1 to 4 for the first to fourth such weekday of its month; the fifth is the last (-1)."""
    n = (day.day - 1) // 7 + 1
    return LAST if n == 5 else n


def is_last_of_month(day: date) -> bool:
    return (day + timedelta(days=7)).month != day.month


def recurrence_issues(draft: RecurrenceDraft, first: date) -> list[FieldIssue]:
    found: list[FieldIssue] = []
    low, high = COUNT_RANGE
    if draft.count is not None and not low <= draft.count <= high:
        message = f"A series has {low} to {high} sessions."
        found.append(issue("recurrence.count", SessionErrorCode.COUNT_OUT_OF_RANGE, message))
    if draft.until is not None and not first < draft.until <= first + HORIZON:
        message = "The last date is after the first session and within a year of it."
        found.append(issue("recurrence.until", SessionErrorCode.UNTIL_OUT_OF_RANGE, message))
    wanted = draft.week_of_month
    if draft.frequency is Frequency.MONTHLY and wanted is not None:
        fits = is_last_of_month(first) if wanted == LAST else wanted == (first.day - 1) // 7 + 1
        if not fits:
            message = "The first session's date is not on that week of its month."
            found.append(issue("recurrence.weekOfMonth", SessionErrorCode.WEEK_OF_MONTH_MISMATCH, message))
    return found


def local_dates(draft: RecurrenceDraft, first: date) -> tuple[list[date], Recurrence]:
    """The series' local dates, the first included, and the rule as stored. A rule takes a count
    or an end date, never both (RFC 5545); given both, the end date bounds it and the count cuts it.
    """
    start = datetime.combine(first, time())
    horizon = first + HORIZON
    until = datetime.combine(min(draft.until, horizon), time()) if draft.until else None
    count = None if until else draft.count or DEFAULT_COUNT
    week: int | None = None
    if draft.frequency is Frequency.MONTHLY:
        week = draft.week_of_month or week_of_month(first)
        rule = rrule(MONTHLY, dtstart=start, byweekday=weekday(first.weekday(), week), until=until, count=count)
    else:
        interval = 2 if draft.frequency is Frequency.FORTNIGHTLY else 1
        rule = rrule(WEEKLY, dtstart=start, interval=interval, until=until, count=count)
    days = [moment.date() for moment in rule if moment.date() <= horizon]
    days = days[: draft.count or COUNT_RANGE[1]]
    return days, Recurrence(frequency=draft.frequency, week_of_month=week, count=len(days))


def start_on(day: date, clock: time, timezone: str) -> datetime:
    """A local date and wall-clock time in the zone, in UTC (see the module's note)."""
    return local_time_at(day, clock, ZoneInfo(timezone)).astimezone(UTC)
