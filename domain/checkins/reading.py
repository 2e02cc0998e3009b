"""Reading check-ins: the member's own record and trend, what members shared with a group,
and the group's wellbeing in figures for its leads.

A private check-in is read only by its member: the group queries below filter on
GROUP visibility, so no lead sees one in any form, not even counted. What a group
sees comes only from its current members: someone who leaves takes their shares, and so,
while they wait for the purge, does someone who asked to delete their account.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from domain.checkins import policies
from domain.checkins.errors import CheckInError, CheckInErrorCode
from domain.groups import GroupAction, Viewer, authorized, is_present
from domain.members import local_date
from infra.mongo.repositories.checkins import DayMoods
from infra.mongo.repositories.registry import Repositories
from schemas.documents.checkins import CheckInDocument
from schemas.documents.members import MemberDocument
from schemas.pagination import Keyset, Page


@dataclass(frozen=True)
class MoodDay:
    """One local day with at least one check-in (days without are absent, not zero)."""

    day: date
    average_mood: float
    average_energy: float | None
    check_ins: int


@dataclass(frozen=True)
class MoodTrend:
    days: int
    timezone: str
    points: list[MoodDay]


@dataclass(frozen=True)
class Wellbeing:
    """A group's figures over whole local days; every figure under 5 members is None."""

    window: policies.Window
    days: int
    members_checked_in: int | None
    moods: list[policies.MoodCell]


async def my_check_ins(
    *, repos: Repositories, member: MemberDocument, after: Keyset | None, first: int
) -> Page[CheckInDocument]:
    """The member's own check-ins, newest first."""
    return await repos.checkins.page_for_member(member.id, after=after, first=first)


async def mood_trend(*, repos: Repositories, member: MemberDocument, days: int, now: datetime) -> MoodTrend:
    """Daily averages over the last `days` days (today included), in the member's time zone."""
    _check_days(days)
    since = policies.trend_start(days, local_date(now, member.timezone))
    rows = await repos.checkins.moods_by_day(member.id, since=since)
    return MoodTrend(days=days, timezone=member.timezone, points=_daily(rows))


async def group_check_ins(
    *, repos: Repositories, viewer: Viewer, group_id: str, after: Keyset | None, first: int
) -> Page[CheckInDocument]:
    """Check-ins the group's members shared with it, newest first (its members only)."""
    group, _ = await authorized(repos, viewer, group_id, GroupAction.VIEW_CHECK_INS)
    members = await _present_members(repos, group.id)
    return await repos.checkins.page_shared(group.id, members, after=after, first=first)


async def group_wellbeing(*, repos: Repositories, viewer: Viewer, group_id: str, days: int, now: datetime) -> Wellbeing:
    """How the group has been over the `days` whole days before today (leads and co-leads): how many
    members shared a check-in with it, and its moods, each figure suppressed under 5 members.
    """
    _check_days(days)
    group, _ = await authorized(repos, viewer, group_id, GroupAction.VIEW_WELLBEING)
    window = policies.complete_days(days, now, group.timezone)
    members = await _present_members(repos, group.id)
    rows = await repos.checkins.shared_moods(group.id, members, start=window.start, end=window.end)
    checked_in = len({member_id for _, member_id, _ in rows})
    return Wellbeing(
        window=window,
        days=days,
        members_checked_in=policies.suppressed_count(checked_in, checked_in),
        moods=policies.mood_cells(rows),
    )


async def _present_members(repos: Repositories, group_id: str) -> list[str]:
    """Who counts in the group's figures: someone waiting to be deleted is out, as if they had left."""
    return [m.member_id for m in await repos.memberships.active_in_groups([group_id]) if is_present(m)]


def _check_days(days: int) -> None:
    low, high = policies.DAYS_RANGE
    if not low <= days <= high:
        raise CheckInError(CheckInErrorCode.DAYS_OUT_OF_RANGE, f"`days` must be between {low} and {high}.")


def _daily(rows: list[DayMoods]) -> list[MoodDay]:
    """Averages per day, oldest first, from the (day, mood, energy) counts."""
    by_day: dict[date, list[DayMoods]] = defaultdict(list)
    for row in rows:
        by_day[row.day].append(row)
    return [_mood_day(day, by_day[day]) for day in sorted(by_day)]


def _mood_day(day: date, rows: list[DayMoods]) -> MoodDay:
    total = sum(row.count for row in rows)
    energies = [(row.energy, row.count) for row in rows if row.energy is not None]
    energy_total = sum(count for _, count in energies)
    return MoodDay(
        day=day,
        average_mood=sum(row.mood * row.count for row in rows) / total,
        average_energy=sum(energy * count for energy, count in energies) / energy_total if energy_total else None,
        check_ins=total,
    )
