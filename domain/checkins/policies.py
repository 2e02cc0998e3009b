"""Pure rules of check-ins: which groups one counts for, whose days it falls on, and
what a lead may see of a group's check-ins (whole days, never fewer than 5 people).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from domain.groups import answered_occurrence
from domain.members import local_date, zone_of
from schemas.documents.checkins import AnsweredOccurrence
from schemas.documents.groups import GroupDocument
from schemas.documents.safeguarding_alerts import RiskLevel

DAYS_RANGE = (1, 90)
# k-anonymity: a lead's figure that covers fewer distinct members than this is suppressed (ANON-11).
MINIMUM_MEMBERS = 5
MOODS = range(1, 6)


@dataclass(frozen=True)
class Window:
    """Whole local days, `first` to `last` inclusive, as UTC instants [start, end)."""

    first: date
    last: date
    start: datetime
    end: datetime


@dataclass(frozen=True)
class MoodCell:
    """How many check-ins had this mood; None (suppressed) when fewer than 5 members made them."""

    mood: int
    check_ins: int | None

    @property
    def suppressed(self) -> bool:
        return self.check_ins is None


def answered(groups: Iterable[GroupDocument], recorded_at: datetime) -> tuple[AnsweredOccurrence, ...]:
    """The scheduled check-ins of these (the member's) groups that a check-in at `recorded_at` answers.
    The member checks in once, not once per group: visibility decides who sees it, not what it counts for.
    """
    found = []
    for group in sorted(groups, key=lambda g: g.id):
        if group.schedule is None or group.archived:
            continue
        occurred = answered_occurrence(group.schedule, group.timezone, recorded_at=recorded_at)
        if occurred is not None:
            found.append(AnsweredOccurrence(group_id=group.id, scheduled_at=occurred))
    return tuple(found)


def counts_for(group_id: str | None, answers: Iterable[AnsweredOccurrence]) -> list[str]:
    """The groups whose `last_checkin_at` a check-in moves: the one it was made in and those it answers."""
    ids = {answer.group_id for answer in answers}
    if group_id is not None:
        ids.add(group_id)
    return sorted(ids)


def note_held(level: RiskLevel, has_method: bool) -> bool:
    """High risk or method detail: the note is kept from the group until trained staff look (SAM-3)."""
    return level is RiskLevel.HIGH or has_method


def trend_start(days: int, today: date) -> date:
    """The first day of a trend of `days` days ending today."""
    return today - timedelta(days=days - 1)


def complete_days(days: int, now: datetime, timezone: str) -> Window:
    """The `days` whole local days before today: a lead's figures change once a day, at
    midnight where the group is, and never show today (ANON-14: daily, published with delay).
    """
    zone = zone_of(timezone)
    today = local_date(now, zone)
    first = today - timedelta(days=days)
    return Window(
        first=first,
        last=today - timedelta(days=1),
        start=datetime.combine(first, datetime.min.time(), tzinfo=zone).astimezone(UTC),
        end=datetime.combine(today, datetime.min.time(), tzinfo=zone).astimezone(UTC),
    )


def suppressed_count(count: int, members: int) -> int | None:
    """`count`, or None when it covers fewer than MINIMUM_MEMBERS distinct members."""
    return count if members >= MINIMUM_MEMBERS else None


def mood_cells(rows: Iterable[tuple[int, str, int]]) -> list[MoodCell]:
    """One cell per mood 1 to 5 from (mood, member id, check-ins) rows, each suppressed below 5 members.
    No total of check-ins is given beside them, so a suppressed cell can't be found by subtraction.
    """
    counts: dict[int, int] = dict.fromkeys(MOODS, 0)
    members: dict[int, set[str]] = {mood: set() for mood in MOODS}
    for mood, member_id, check_ins in rows:
        if mood in counts:
            counts[mood] += check_ins
            members[mood].add(member_id)
    return [MoodCell(mood=mood, check_ins=suppressed_count(counts[mood], len(members[mood]))) for mood in MOODS]
