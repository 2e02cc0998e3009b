"""The member's clock: one zone rule for every caller, a known zone or UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from domain.members.time import UTC_ZONE, local_date, zone_of


@pytest.mark.parametrize("name", ["Mars/Olympus", "../../etc/passwd", "", "posixrules", "Europe/London\x00", "a" * 300])
def test_a_name_that_is_not_a_known_zone_reads_as_utc(name: str) -> None:
    assert zone_of(name) is UTC_ZONE


def test_the_local_date_is_the_members_not_utcs() -> None:
    late_evening_in_new_york = datetime(2026, 3, 1, 2, 30, tzinfo=UTC)
    assert local_date(late_evening_in_new_york, "America/New_York") == date(2026, 2, 28)
    assert local_date(late_evening_in_new_york, "Europe/London") == date(2026, 3, 1)
    assert local_date(late_evening_in_new_york, "Not/AZone") == date(2026, 3, 1)
