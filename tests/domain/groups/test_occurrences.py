"""A group's check-in times across daylight-saving changes: the wall clock is kept,
a skipped time happens once an hour later on the clock, a repeated time happens once (the first).

London changes on the last Sundays: 29 March 2026 (01:00 GMT → 02:00 BST) and
25 October 2026 (02:00 BST → 01:00 GMT).
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from domain.groups.occurrences import answered_occurrence, latest_occurrence, next_occurrence
from schemas.documents.groups import CheckInSchedule
from schemas.documents.support_resources import Weekday
from tests.support.time import utc

LONDON = "Europe/London"
EVERY_DAY = tuple(Weekday)


def schedule(local_time: str, *days: Weekday) -> CheckInSchedule:
    return CheckInSchedule(weekdays=days or EVERY_DAY, local_time=local_time)


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        pytest.param(utc(2026, 3, 28, 12), utc(2026, 3, 28, 19), id="the-saturday-before-march-gmt"),
        pytest.param(utc(2026, 3, 29, 12), utc(2026, 3, 29, 18), id="the-march-change-day-bst"),
        pytest.param(utc(2026, 7, 1, 12), utc(2026, 7, 1, 18), id="summer-18-utc"),
        pytest.param(utc(2026, 10, 25, 12), utc(2026, 10, 25, 19), id="the-october-change-day-gmt"),
        pytest.param(utc(2026, 10, 24, 12), utc(2026, 10, 24, 18), id="the-saturday-before-october-bst"),
        pytest.param(utc(2026, 12, 1, 12), utc(2026, 12, 1, 19), id="winter-19-utc"),
    ],
)
def test_a_19_00_check_in_stays_at_19_00_in_london_across_both_changes(after: datetime, expected: datetime) -> None:
    assert next_occurrence(schedule("19:00"), LONDON, after=after) == expected


def test_a_time_the_clocks_skip_happens_once_an_hour_later_on_the_wall_clock() -> None:
    # 01:30 does not exist in London on 29 March 2026: it is read as 01:30 GMT, which is 02:30 BST.
    sunday = schedule("01:30", Weekday.SUNDAY)

    first = next_occurrence(sunday, LONDON, after=utc(2026, 3, 28, 12))
    following = next_occurrence(sunday, LONDON, after=first)

    assert first == utc(2026, 3, 29, 1, 30)
    assert following == utc(2026, 4, 5, 0, 30)  # 01:30 BST the next Sunday


def test_a_time_that_happens_twice_is_the_first_and_only_once() -> None:
    # 01:30 happens twice in London on 25 October 2026: 00:30 UTC (BST) and 01:30 UTC (GMT).
    sunday = schedule("01:30", Weekday.SUNDAY)

    first = next_occurrence(sunday, LONDON, after=utc(2026, 10, 24, 12))
    following = next_occurrence(sunday, LONDON, after=first)

    assert first == utc(2026, 10, 25, 0, 30)
    assert following == utc(2026, 11, 1, 1, 30)  # not the second 01:30 of the change day


def test_every_day_through_october_gives_one_occurrence_a_day() -> None:
    daily = schedule("01:30")
    at, seen = utc(2026, 10, 22), []
    for _ in range(6):
        at = next_occurrence(daily, LONDON, after=at)
        seen.append(at)
    assert seen == [
        utc(2026, 10, 22, 0, 30), utc(2026, 10, 23, 0, 30), utc(2026, 10, 24, 0, 30),
        utc(2026, 10, 25, 0, 30), utc(2026, 10, 26, 1, 30), utc(2026, 10, 27, 1, 30),
    ]  # fmt: skip


def test_the_next_occurrence_is_strictly_after_and_on_the_chosen_days() -> None:
    mondays_thursdays = schedule("19:00", Weekday.MONDAY, Weekday.THURSDAY)
    monday_at_seven = utc(2026, 1, 5, 19)

    assert next_occurrence(mondays_thursdays, LONDON, after=monday_at_seven - timedelta(seconds=1)) == monday_at_seven
    assert next_occurrence(mondays_thursdays, LONDON, after=monday_at_seven) == utc(2026, 1, 8, 19)
    assert next_occurrence(mondays_thursdays, LONDON, after=utc(2026, 1, 8, 20)) == utc(2026, 1, 12, 19)


def test_other_zones_keep_their_own_wall_clock() -> None:
    # New York changes on 8 March 2026: 09:00 is 14:00 UTC before and 13:00 UTC after.
    daily = schedule("09:00")
    assert next_occurrence(daily, "America/New_York", after=utc(2026, 3, 7, 12)) == utc(2026, 3, 7, 14)
    assert next_occurrence(daily, "America/New_York", after=utc(2026, 3, 8, 12)) == utc(2026, 3, 8, 13)


@pytest.mark.parametrize(
    ("recorded_at", "answered"),
    [
        pytest.param(utc(2026, 1, 5, 18, 59), None, id="a-minute-before"),
        pytest.param(utc(2026, 1, 5, 19), utc(2026, 1, 5, 19), id="at-the-time"),
        pytest.param(utc(2026, 1, 6, 18, 59), utc(2026, 1, 5, 19), id="23h59-after"),
        pytest.param(utc(2026, 1, 6, 19), None, id="24h-after"),
    ],
)
def test_a_check_in_answers_an_occurrence_up_to_24_hours_after_it(
    recorded_at: datetime, answered: datetime | None
) -> None:
    mondays = schedule("19:00", Weekday.MONDAY)
    assert answered_occurrence(mondays, LONDON, recorded_at=recorded_at) == answered


def test_the_latest_occurrence_on_the_march_change_day_is_in_summer_time() -> None:
    daily = schedule("19:00")
    assert latest_occurrence(daily, LONDON, at=utc(2026, 3, 29, 17, 59)) == utc(2026, 3, 28, 19)
    assert latest_occurrence(daily, LONDON, at=utc(2026, 3, 29, 18)) == utc(2026, 3, 29, 18)
