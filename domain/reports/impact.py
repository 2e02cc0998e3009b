"""The impact report: for the platform or a set of groups, over a month or a quarter, with a monthly breakdown.

Figures (each suppressed below MIN_PEOPLE people, `policies.py`):
- members: people in scope (platform: joined the service by the period's end; groups: members of
  those groups at any time in the period);
- active members, and check-in participation: those of them who checked in at least once, and their share;
- groups active: groups with a check-in made in them in the period (shown only when the people
  in scope are not suppressed);
- signposted at high risk: people shown high-risk support in the period, and the share of them
  followed up (the 48-hour question was asked, or answered);
- alerts acknowledged, and the median hours to acknowledge (alerts raised in the period, about
  people in scope; for the platform every alert; counted as people, anonymous ones one each).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from domain.identity import Identity
from domain.organisations import Staffing, hosted_groups
from domain.reports.errors import ReportError, ReportErrorCode
from domain.reports.policies import MIN_PEOPLE, require_report_reader, shown_count, shown_share
from infra.mongo.repositories.registry import Repositories
from schemas.documents.follow_ups import FollowUpStatus

MAX_GROUPS = 200
_PERIOD = re.compile(r"^(?P<year>\d{4})-(?:(?P<month>0[1-9]|1[0-2])|Q(?P<quarter>[1-4]))$")
_FOLLOWED = {FollowUpStatus.ASKED, FollowUpStatus.ANSWERED}


@dataclass(frozen=True)
class Period:
    label: str  # "2026-11" or "2026-Q4"
    start: datetime
    end: datetime

    def months(self) -> list[Period]:
        found, start = [], self.start
        while start < self.end:
            end = _month_after(start)
            found.append(Period(f"{start:%Y-%m}", start, end))
            start = end
        return found


def _month_after(moment: datetime) -> datetime:
    return datetime(moment.year + moment.month // 12, moment.month % 12 + 1, 1, tzinfo=UTC)


def parse_period(text: str) -> Period:
    """'2026-11' (a month) or '2026-Q4' (a quarter), in UTC."""
    found = _PERIOD.match(text)
    if found is None:
        raise ReportError(ReportErrorCode.PERIOD_FORMAT, "Give a month (2026-11) or a quarter (2026-Q4).")
    year = int(found["year"])
    if found["month"]:
        start = datetime(year, int(found["month"]), 1, tzinfo=UTC)
        return Period(text, start, _month_after(start))
    start = datetime(year, 3 * int(found["quarter"]) - 2, 1, tzinfo=UTC)
    return Period(text, start, _month_after(_month_after(_month_after(start))))


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: float | None  # None: suppressed (fewer than MIN_PEOPLE people)
    unit: str = ""


@dataclass(frozen=True)
class ImpactReport:
    period: Period
    group_ids: tuple[str, ...] | None  # None: the whole platform
    figures: list[Figure]
    months: list[tuple[Period, list[Figure]]]


async def impact_report(
    *, repos: Repositories, reader: Identity, period: Period, group_ids: tuple[str, ...] | None
) -> ImpactReport:
    """The report for the period, and each of its months."""
    require_report_reader(reader)
    return await _report(repos, period, group_ids)


async def organisation_impact_report(
    *, repos: Repositories, staffing: Staffing, organisation_id: str, period: Period
) -> ImpactReport:
    """The report for the groups an organisation hosts, for its own staff (any role) and platform
    staff (`staffing.platform_admin`); anyone else, another organisation's staff included, gets
    HiddenError exactly as for an organisation that does not exist.
    """
    groups = await hosted_groups(repos=repos, staffing=staffing, organisation_id=organisation_id)
    return await _report(repos, period, tuple(sorted(group.id for group in groups)))


async def _report(repos: Repositories, period: Period, group_ids: tuple[str, ...] | None) -> ImpactReport:
    if group_ids is not None and len(group_ids) > MAX_GROUPS:
        raise ReportError(ReportErrorCode.TOO_MANY_GROUPS, f"At most {MAX_GROUPS} groups in one report.")
    figures = await _figures(repos, period, group_ids)
    months = [(month, await _figures(repos, month, group_ids)) for month in period.months()]
    return ImpactReport(period=period, group_ids=group_ids, figures=figures, months=months)


async def _figures(repos: Repositories, period: Period, group_ids: tuple[str, ...] | None) -> list[Figure]:
    start, end = period.start, period.end
    if group_ids is None:
        people = set(await repos.members.ids_joined_before(end))
        checkins = await repos.checkins.participation(start=start, end=end, member_ids=None)
    else:
        people = await repos.memberships.member_ids_in_groups_during(group_ids, start=start, end=end)
        checkins = await repos.checkins.participation(start=start, end=end, member_ids=sorted(people))
    active = {member for member, _, _ in checkins if member in people}
    groups = {group for _, group, _ in checkins if group and (group_ids is None or group in group_ids)}
    follow_ups = [f for f in await repos.follow_ups.created_between(start=start, end=end) if f.member_id in people]
    signposted = {f.member_id for f in follow_ups}
    followed = {f.member_id for f in follow_ups if f.status in _FOLLOWED}
    alerts = [
        a for a in await repos.safeguarding_alerts.created_between(start=start, end=end)
        if group_ids is None or a.member_id in people
    ]  # fmt: skip
    waits = [_hours_to_acknowledge(a.created_at, a.acknowledged_at, a.resolved_at) for a in alerts]
    taken = [hours for hours in waits if hours is not None]
    enough = len(people) >= MIN_PEOPLE
    return [
        Figure("members", "Members", shown_count(len(people))),
        Figure("active_members", "Members who checked in", shown_count(len(active))),
        Figure("checkin_participation", "Check-in participation", shown_share(len(active), len(people)), "%"),
        Figure("groups_active", "Groups with check-ins", float(len(groups)) if enough else None),
        Figure("signposted_high_risk", "Shown high-risk support", shown_count(len(signposted))),
        Figure("followed_up", "Followed up after high-risk support", shown_share(len(followed), len(signposted)), "%"),
        Figure("alerts_acknowledged", "Alerts acknowledged", shown_count(len(taken))),
        Figure(
            "median_hours_to_acknowledge", "Median time to acknowledge an alert",
            round(statistics.median(taken), 1) if len(taken) >= MIN_PEOPLE else None, "hours",
        ),
    ]  # fmt: skip


def _hours_to_acknowledge(raised: datetime, acknowledged: datetime | None, resolved: datetime | None) -> float | None:
    """Hours until staff first took or resolved it; None while still open."""
    first = min((moment for moment in (acknowledged, resolved) if moment is not None), default=None)
    return (first - raised) / timedelta(hours=1) if first is not None else None
