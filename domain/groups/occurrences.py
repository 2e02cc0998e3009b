"""When a group's check-ins happen: pure arithmetic over its schedule, in its time zone.

A schedule is weekdays and a wall-clock time in the group's IANA zone, so a
19:00 check-in in London stays at 19:00 local: 18:00 UTC in summer, 19:00 UTC
in winter. On the two days the clocks change, each scheduled day still has
exactly one occurrence:

- A time the clocks skip (01:30 on the last Sunday of March in London) is read
  with the offset from before the change, so it happens at the same instant as
  01:30 GMT, which the wall clock shows as 02:30 BST: one hour later on the
  clock, on the same day, once.
- A time that happens twice (01:30 on the last Sunday of October) is the first
  of the two (`fold=0`, still BST): one check-in that day, never two.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.members import local_time_at, parse_clock
from schemas.documents.groups import CheckInSchedule
from schemas.documents.support_resources import Weekday

ANSWER_WINDOW = timedelta(hours=24)  # a check-in answers an occurrence up to 24 hours after it
_WEEKDAYS = list(Weekday)
_SEARCH_DAYS = 9  # a week, and a day either side for zones whose changes cross midnight


def weekday_of(day: date) -> Weekday:
    return _WEEKDAYS[day.weekday()]


def occurrence_on(day: date, schedule: CheckInSchedule, zone: ZoneInfo) -> datetime:
    """The scheduled time on a local day, in UTC (see the module's note on skipped and repeated times)."""
    clock = parse_clock(schedule.local_time)
    if clock is None:
        raise ValueError(f"a stored schedule has an invalid time: {schedule.local_time!r}")
    return local_time_at(day, clock, zone)


def next_occurrence(schedule: CheckInSchedule, timezone: str, *, after: datetime) -> datetime:
    """The first occurrence strictly after `after` (UTC)."""
    zone = ZoneInfo(timezone)
    start = after.astimezone(zone).date() - timedelta(days=1)
    for offset in range(_SEARCH_DAYS):
        day = start + timedelta(days=offset)
        if weekday_of(day) in schedule.weekdays:
            at = occurrence_on(day, schedule, zone)
            if at > after:
                return at
    raise ValueError("a schedule needs at least one weekday")


def latest_occurrence(schedule: CheckInSchedule, timezone: str, *, at: datetime) -> datetime | None:
    """The last occurrence at or before `at` (UTC), looking back about a week."""
    zone = ZoneInfo(timezone)
    end = at.astimezone(zone).date() + timedelta(days=1)
    for offset in range(_SEARCH_DAYS):
        day = end - timedelta(days=offset)
        if weekday_of(day) in schedule.weekdays:
            occurred = occurrence_on(day, schedule, zone)
            if occurred <= at:
                return occurred
    return None


def answered_occurrence(schedule: CheckInSchedule, timezone: str, *, recorded_at: datetime) -> datetime | None:
    """The occurrence a check-in made at `recorded_at` answers: the latest one, if within 24 hours before."""
    occurred = latest_occurrence(schedule, timezone, at=recorded_at)
    if occurred is None or recorded_at - occurred >= ANSWER_WINDOW:
        return None
    return occurred
