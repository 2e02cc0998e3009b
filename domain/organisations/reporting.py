"""How quickly an organisation's safeguarding alerts were acknowledged, month by month.

Months are the organisation's own calendar months. An alert counts in the month it was raised;
its time to acknowledge runs from raised to the first acknowledgement (or resolution, when it was
resolved without one). The median and the 95th percentile are over the alerts answered.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from domain.organisations.policies import OrgAction, Staffing, authorize
from domain.organisations.reading import get_organisation
from infra.mongo.repositories.registry import Repositories
from schemas.documents.safeguarding_alerts import SafeguardingAlertDocument

MONTHS_MAX = 24


@dataclass(frozen=True)
class MonthFigures:
    month: str  # YYYY-MM
    alerts: int
    acknowledged: int
    median_seconds: int | None
    p95_seconds: int | None


def seconds_to_acknowledge(alert: SafeguardingAlertDocument) -> int | None:
    answered = alert.acknowledged_at or alert.resolved_at
    return int((answered - alert.created_at).total_seconds()) if answered else None


def percentile(values: list[int], share: float) -> int:
    """The nearest-rank percentile: a value that was really seen, so a report never shows an invented time."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 1))  # ceil(n * share), at least the first
    return ordered[int(rank) - 1]


def figures(month: str, alerts: list[SafeguardingAlertDocument]) -> MonthFigures:
    answered = [s for s in (seconds_to_acknowledge(a) for a in alerts) if s is not None]
    return MonthFigures(
        month=month, alerts=len(alerts), acknowledged=len(answered),
        median_seconds=int(statistics.median(answered)) if answered else None,
        p95_seconds=percentile(answered, 0.95) if answered else None,
    )  # fmt: skip


def _month_starts(now: datetime, zone: ZoneInfo, months: int) -> list[datetime]:
    """The starts of the last `months` calendar months (this one last), in the zone."""
    local = now.astimezone(zone)
    year, month = local.year, local.month
    starts = []
    for _ in range(months + 1):
        starts.append(datetime(year, month, 1, tzinfo=zone))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return sorted(starts)


async def acknowledgement_report(
    *, repos: Repositories, staffing: Staffing, organisation_id: str, months: int, now: datetime
) -> list[MonthFigures]:
    """For the organisation's staff who handle alerts, its admins, and platform admins: the last `months` months."""
    organisation = await get_organisation(repos=repos, staffing=staffing, organisation_id=organisation_id)
    if not (staffing.may(organisation_id, OrgAction.HANDLE_ALERTS) or staffing.platform_admin):
        authorize(staffing, organisation_id, OrgAction.MANAGE_STAFF)
    zone = ZoneInfo(organisation.timezone)
    count = min(max(months, 1), MONTHS_MAX)
    starts = _month_starts(now, zone, count)
    bounds = list(zip(starts, [*starts[1:], None], strict=True))[-count:]
    result = []
    for start, end in bounds:
        stop = end or datetime(9999, 1, 1, tzinfo=UTC)
        alerts = await repos.safeguarding_alerts.routed_between(
            organisation_id, start.astimezone(UTC), stop.astimezone(UTC)
        )
        result.append(figures(f"{start.year:04d}-{start.month:02d}", alerts))
    return result
