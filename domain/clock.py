"""Time, passed in: services ask a clock, so tests move time instead of sleeping."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware, in UTC."""
        ...


def to_millisecond(moment: datetime) -> datetime:
    """BSON keeps milliseconds: times handed out at that precision read back equal."""
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


class SystemClock:
    def now(self) -> datetime:
        return to_millisecond(datetime.now(UTC))


@dataclass
class FrozenClock:
    """A clock that moves only when told to."""

    current: datetime = field(default_factory=lambda: datetime.now(UTC))

    def now(self) -> datetime:
        return to_millisecond(self.current)

    def advance(self, delta: timedelta) -> None:
        self.current += delta
