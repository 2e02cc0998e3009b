"""When a difficult date is acted on: pure rules over dates and time zones, no I/O.

A date is a day and month (every year) or a day, month and year (once). It
falls on that day in the member's own calendar; 29 February falls on 28
February in other years, so a leap-day anniversary is never skipped (the last
day of the month it belongs to). The member's check-in is at 09:00 on the
day, in their time zone; a lead's heads-up at 18:00 the evening before, in
the lead's. Wall-clock times are kept across daylight-saving changes: 09:00
in London is 08:00 UTC in summer and 09:00 UTC in winter. A time a clock
change skips would be read with the offset before the change, landing just
after the gap (no zone changes its clocks at 09:00 or 18:00).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.members import local_date, local_time_at

CHECK_IN_TIME = time(9, 0)
HEADS_UP_TIME = time(18, 0)
# The first and last zones in which any evening falls: heads-ups for a day can be due
# no earlier than its eve at 18:00 in UTC+14, and are stale after its start in UTC-12.
EARLIEST_ZONE = ZoneInfo("Etc/GMT-14")
LATEST_ZONE = ZoneInfo("Etc/GMT+12")
_DAY = timedelta(days=1)


@dataclass(frozen=True)
class DateRule:
    month: int
    day: int
    year: int | None = None  # once, in that year; None: every year

    def falls_on(self, year: int) -> date | None:
        """The day it falls on in `year`; None when a one-off date is in another year."""
        if self.year is not None and self.year != year:
            return None
        if (self.month, self.day) == (2, 29) and not calendar.isleap(year):
            return date(year, 2, 28)
        return date(year, self.month, self.day)

    def next_on_or_after(self, day: date) -> date | None:
        """The first day it falls on from `day`; None when a one-off date has passed."""
        years = (self.year,) if self.year is not None else (day.year, day.year + 1)
        for year in years:
            found = self.falls_on(year)
            if found is not None and found >= day:
                return found
        return None


def check_in_at(day: date, zone: ZoneInfo) -> datetime:
    return local_time_at(day, CHECK_IN_TIME, zone)


def day_ends(day: date, zone: ZoneInfo) -> datetime:
    """Local midnight after `day`: a check-in not sent by then is not sent late."""
    return local_time_at(day + _DAY, time(0, 0), zone)


def first_check_in(rule: DateRule, zone: ZoneInfo, now: datetime) -> tuple[date, datetime] | None:
    """The first day whose 09:00 (local) is not yet past, with that moment; None if none is left."""
    today = local_date(now, zone)
    day = rule.next_on_or_after(today)
    if day is not None and check_in_at(day, zone) < now:
        day = rule.next_on_or_after(day + _DAY)
    return (day, check_in_at(day, zone)) if day is not None else None


def next_check_in(rule: DateRule, after: date, zone: ZoneInfo) -> tuple[date, datetime] | None:
    """The check-in after the one on `after`; None for a one-off date."""
    day = rule.next_on_or_after(after + _DAY)
    return (day, check_in_at(day, zone)) if day is not None else None


def heads_up_window(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """When a lead in `zone` may be told about `day`: from 18:00 the evening before to midnight."""
    return local_time_at(day - _DAY, HEADS_UP_TIME, zone), local_time_at(day, time(0, 0), zone)


def first_heads_up(rule: DateRule, now: datetime) -> tuple[date, datetime] | None:
    """The first day some lead, in some zone, could still be told about, and the earliest
    moment any could be; None if none is left.
    """
    day = rule.next_on_or_after((now - 2 * _DAY).date())
    while day is not None and heads_up_window(day, LATEST_ZONE)[1] <= now:
        day = rule.next_on_or_after(day + _DAY)
    return (day, heads_up_window(day, EARLIEST_ZONE)[0]) if day is not None else None


def next_heads_up(rule: DateRule, after: date) -> tuple[date, datetime] | None:
    """The heads-up after the one about `after`; None for a one-off date."""
    day = rule.next_on_or_after(after + _DAY)
    return (day, heads_up_window(day, EARLIEST_ZONE)[0]) if day is not None else None
