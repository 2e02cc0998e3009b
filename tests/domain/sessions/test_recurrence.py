"""A series keeps its wall-clock time in Europe/London across the March and October clock changes,
and monthly series keep their weekday and week of the month ("first Tuesday", "last Friday").
"""

from __future__ import annotations

from datetime import date, time

import pytest

from domain.sessions.recurrence import RecurrenceDraft, local_dates, recurrence_issues, start_on
from schemas.documents.sessions import Frequency
from tests.support.time import utc

LONDON = "Europe/London"
SEVEN_PM = time(19, 0)


def _starts(first: date, draft: RecurrenceDraft, clock: time = SEVEN_PM) -> list[str]:
    days, _ = local_dates(draft, first)
    return [start_on(day, clock, LONDON).isoformat() for day in days]


def test_a_weekly_series_stays_at_seven_in_the_evening_across_the_march_change() -> None:
    # The clocks go forward on Sunday 28 March 2027: 19:00 GMT is 19:00 UTC, 19:00 BST is 18:00 UTC.
    assert _starts(date(2027, 3, 18), RecurrenceDraft(Frequency.WEEKLY, count=3)) == [
        utc(2027, 3, 18, 19).isoformat(),
        utc(2027, 3, 25, 19).isoformat(),
        utc(2027, 4, 1, 18).isoformat(),
    ]


def test_a_weekly_series_stays_at_seven_in_the_evening_across_the_october_change() -> None:
    # The clocks go back on Sunday 31 October 2027.
    assert _starts(date(2027, 10, 21), RecurrenceDraft(Frequency.WEEKLY, count=3)) == [
        utc(2027, 10, 21, 18).isoformat(),
        utc(2027, 10, 28, 18).isoformat(),
        utc(2027, 11, 4, 19).isoformat(),
    ]


def test_a_time_the_clocks_skip_happens_once_just_after_the_gap_and_a_repeated_time_once_the_first_time() -> None:
    skipped = start_on(date(2027, 3, 28), time(1, 30), LONDON)  # 01:30 does not exist that night
    repeated = start_on(date(2027, 10, 31), time(1, 30), LONDON)  # 01:30 happens twice
    assert (skipped, repeated) == (utc(2027, 3, 28, 1, 30), utc(2027, 10, 31, 0, 30))


def test_fortnightly_skips_a_week() -> None:
    days, rule = local_dates(RecurrenceDraft(Frequency.FORTNIGHTLY, count=3), date(2027, 1, 7))
    assert (days, rule.count) == ([date(2027, 1, 7), date(2027, 1, 21), date(2027, 2, 4)], 3)


def test_monthly_on_the_first_tuesday_and_on_the_last_friday() -> None:
    first_tuesdays, rule = local_dates(RecurrenceDraft(Frequency.MONTHLY, count=4), date(2027, 1, 5))
    assert first_tuesdays == [date(2027, 1, 5), date(2027, 2, 2), date(2027, 3, 2), date(2027, 4, 6)]
    assert rule.week_of_month == 1
    last_fridays, rule = local_dates(RecurrenceDraft(Frequency.MONTHLY, count=4, week_of_month=-1), date(2027, 1, 29))
    assert last_fridays == [date(2027, 1, 29), date(2027, 2, 26), date(2027, 3, 26), date(2027, 4, 30)]
    assert rule.week_of_month == -1
    # 19:00 on the first Tuesday of April is in summer time.
    assert _starts(date(2027, 3, 2), RecurrenceDraft(Frequency.MONTHLY, count=2)) == [
        utc(2027, 3, 2, 19).isoformat(),
        utc(2027, 4, 6, 18).isoformat(),
    ]


def test_until_bounds_a_series_and_twelve_is_the_default() -> None:
    until, _ = local_dates(RecurrenceDraft(Frequency.WEEKLY, until=date(2027, 1, 21)), date(2027, 1, 7))
    default, rule = local_dates(RecurrenceDraft(Frequency.WEEKLY), date(2027, 1, 7))
    assert (until, len(default), rule.count) == ([date(2027, 1, 7), date(2027, 1, 14), date(2027, 1, 21)], 12, 12)


@pytest.mark.parametrize(
    ("draft", "first", "code"),
    [
        (RecurrenceDraft(Frequency.WEEKLY, count=1), date(2027, 1, 7), "count_out_of_range"),
        (RecurrenceDraft(Frequency.WEEKLY, count=53), date(2027, 1, 7), "count_out_of_range"),
        (RecurrenceDraft(Frequency.WEEKLY, until=date(2028, 6, 1)), date(2027, 1, 7), "until_out_of_range"),
        (RecurrenceDraft(Frequency.MONTHLY, week_of_month=2), date(2027, 1, 5), "week_of_month_mismatch"),
        (RecurrenceDraft(Frequency.MONTHLY, week_of_month=-1), date(2027, 1, 22), "week_of_month_mismatch"),
    ],
)
def test_a_rule_that_cannot_hold_is_refused(draft: RecurrenceDraft, first: date, code: str) -> None:
    assert [issue.code.value for issue in recurrence_issues(draft, first)] == [code]
