"""Report periods: a month or a quarter, in UTC, split into its months."""

from __future__ import annotations

import pytest

from domain.reports import ReportError, ReportErrorCode, parse_period
from domain.reports.policies import shown_count, shown_share
from tests.support.time import utc


def test_a_quarter_runs_from_its_first_month_to_the_next_quarter_in_three_months() -> None:
    period = parse_period("2026-Q4")
    assert (period.start, period.end) == (utc(2026, 10, 1), utc(2027, 1, 1))
    assert [(m.label, m.start, m.end) for m in period.months()] == [
        ("2026-10", utc(2026, 10, 1), utc(2026, 11, 1)),
        ("2026-11", utc(2026, 11, 1), utc(2026, 12, 1)),
        ("2026-12", utc(2026, 12, 1), utc(2027, 1, 1)),
    ]


def test_a_month_is_one_month() -> None:
    period = parse_period("2027-02")
    assert (period.start, period.end, [m.label for m in period.months()]) == (
        utc(2027, 2, 1), utc(2027, 3, 1), ["2027-02"])  # fmt: skip


@pytest.mark.parametrize("text", ["2026", "2026-13", "2026-Q5", "2026-1", "26-Q1", "2026-q1", " 2026-Q1", "2026-00"])
def test_anything_else_is_refused_with_its_code(text: str) -> None:
    with pytest.raises(ReportError) as refused:
        parse_period(text)
    assert refused.value.code is ReportErrorCode.PERIOD_FORMAT


def test_counts_and_shares_about_fewer_than_ten_people_are_suppressed() -> None:
    assert [shown_count(n) for n in (0, 9, 10, 11)] == [None, None, 10, 11]
    assert shown_share(9, 100) is None  # a small part of a large group
    assert shown_share(10, 9) is None  # a share of a small group
    assert shown_share(10, 12) == 83.3
    assert shown_share(10, 10) == 100.0
