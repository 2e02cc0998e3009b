"""When difficult dates are acted on, as plain functions: leap days, one-off dates, 09:00 and
18:00 local across the clock changes, and the window in which leads are told.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from domain.noticing.calendar import (
    DateRule,
    check_in_at,
    day_ends,
    first_check_in,
    first_heads_up,
    heads_up_window,
    next_check_in,
    next_heads_up,
)
from tests.support.time import utc

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("year", "falls_on"), [(2027, date(2027, 2, 28)), (2028, date(2028, 2, 29)), (2100, date(2100, 2, 28))]
)
def test_29_february_falls_on_the_28th_in_years_without_it(year: int, falls_on: date) -> None:
    assert DateRule(month=2, day=29).falls_on(year) == falls_on


def test_a_date_with_a_year_happens_once_even_years_ahead() -> None:
    once = DateRule(month=12, day=25, year=2029)
    assert once.next_on_or_after(date(2027, 1, 1)) == date(2029, 12, 25)
    assert once.next_on_or_after(date(2029, 12, 26)) is None
    assert once.falls_on(2028) is None


@pytest.mark.parametrize(
    ("day", "at_utc"),
    [
        pytest.param(date(2027, 3, 27), utc(2027, 3, 27, 9), id="the-day-before-spring-forward-GMT"),
        pytest.param(date(2027, 3, 28), utc(2027, 3, 28, 8), id="spring-forward-day-BST"),
        pytest.param(date(2027, 10, 30), utc(2027, 10, 30, 8), id="the-day-before-fall-back-BST"),
        pytest.param(date(2027, 10, 31), utc(2027, 10, 31, 9), id="fall-back-day-GMT"),
    ],
)
def test_the_check_in_is_at_0900_on_the_wall_clock_across_the_changes(day: date, at_utc: datetime) -> None:
    assert check_in_at(day, LONDON) == at_utc


def test_a_check_in_day_ends_at_local_midnight_even_on_a_25_hour_day() -> None:
    assert day_ends(date(2027, 10, 31), LONDON) == utc(2027, 11, 1, 0)
    assert day_ends(date(2027, 3, 28), LONDON) == utc(2027, 3, 28, 23)


def test_the_first_check_in_is_this_year_until_0900_on_the_day_then_next_year() -> None:
    rule = DateRule(month=3, day=28)
    assert first_check_in(rule, LONDON, utc(2027, 3, 28, 7, 59)) == (date(2027, 3, 28), utc(2027, 3, 28, 8))
    assert first_check_in(rule, LONDON, utc(2027, 3, 28, 8, 1)) == (date(2028, 3, 28), utc(2028, 3, 28, 8))
    assert first_check_in(DateRule(3, 28, year=2027), LONDON, utc(2027, 3, 28, 8, 1)) is None


def test_after_a_check_in_the_next_is_a_year_on_and_a_one_off_has_none() -> None:
    assert next_check_in(DateRule(month=2, day=29), date(2028, 2, 29), LONDON) == (
        date(2029, 2, 28), utc(2029, 2, 28, 9),
    )  # fmt: skip
    assert next_check_in(DateRule(2, 29, year=2028), date(2028, 2, 29), LONDON) is None


@pytest.mark.parametrize(
    ("zone", "opens", "closes"),
    [
        # The evening before the spring-forward day is still GMT in London; New York is already on EDT.
        pytest.param(LONDON, utc(2027, 3, 27, 18), utc(2027, 3, 28, 0), id="london"),
        pytest.param(NEW_YORK, utc(2027, 3, 27, 22), utc(2027, 3, 28, 4), id="new-york"),
    ],
)
def test_a_lead_is_told_from_1800_the_evening_before_in_their_own_zone_until_midnight(
    zone: ZoneInfo, opens: datetime, closes: datetime
) -> None:
    assert heads_up_window(date(2027, 3, 28), zone) == (opens, closes)


def test_the_first_heads_up_is_looked_at_when_the_earliest_zone_reaches_its_evening() -> None:
    rule = DateRule(month=3, day=28)
    # 18:00 on the 27th in UTC+14 is 04:00 UTC on the 27th: no lead anywhere is told before then.
    assert first_heads_up(rule, utc(2027, 3, 1)) == (date(2027, 3, 28), utc(2027, 3, 27, 4))
    # Once the day has begun even in UTC-12 (12:00 UTC on the 28th), it is next year's.
    assert first_heads_up(rule, utc(2027, 3, 28, 12)) == (date(2028, 3, 28), utc(2028, 3, 27, 4))
    assert next_heads_up(DateRule(3, 28, year=2027), date(2027, 3, 28)) is None
