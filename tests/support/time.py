"""Moments for tests, written the way a reader says them."""

from __future__ import annotations

from datetime import UTC, datetime


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
