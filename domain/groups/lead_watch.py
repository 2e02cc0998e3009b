"""Groups without an active lead: a worker tick that tells staff when no lead or co-lead
has acted in a group for 14 days, and stands the alert down once one does.

Each group carries `lead_check_at`, the earliest moment its leaders could have
been quiet for 14 days (their last action plus 14 days). The tick reads only
groups that are due, through an index; a group whose leaders acted meanwhile
is simply moved on to its new date, so a lead's action costs no write here.
While an alert is open the group is looked at hourly, so it is resolved within
the hour of a leader acting again. Raising is an insert on a unique key (one
open alert per group), so a duplicate tick or a crash half-way raises nothing
twice.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.groups.policies import LEADER_INACTIVE_AFTER, leaders_last_active, no_active_lead_since
from infra.mongo.repositories.registry import Repositories
from schemas.documents.base import new_id
from schemas.documents.groups import GroupDocument
from schemas.documents.memberships import MembershipDocument
from schemas.documents.staff_alerts import (
    StaffAlertDocument,
    StaffAlertKind,
    StaffAlertStatus,
    open_key,
)
from schemas.pagination import Keyset, Page

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
MAX_BATCHES = 20  # bounds one tick; what is left waits for the next
RECHECK_WHILE_OPEN = timedelta(hours=1)
_KIND = StaffAlertKind.NO_ACTIVE_LEAD


@dataclass
class WatchOutcome:
    checked: int = 0
    raised: int = 0
    resolved: int = 0


async def watch_leads(*, repos: Repositories, now: datetime) -> WatchOutcome:
    """Look at every group whose check is due (up to a bound per tick): raise, resolve, reschedule."""
    outcome = WatchOutcome()
    after: Keyset | None = None
    for _ in range(MAX_BATCHES):
        groups = await repos.groups.due_for_lead_check(now, limit=BATCH_SIZE, after=after)
        await _check_batch(repos, groups, now=now, outcome=outcome)
        if len(groups) < BATCH_SIZE:
            break
        last = groups[-1]
        after = Keyset(value=last.lead_check_at or now, id=last.id)
    if outcome.raised or outcome.resolved:
        logger.info("lead watch", extra={"raised": outcome.raised, "resolved": outcome.resolved})
    return outcome


async def staff_alerts(
    *, repos: Repositories, status: StaffAlertStatus, first: int, after: Keyset | None
) -> Page[StaffAlertDocument]:
    """Alerts for staff in one status, newest first (the caller checked the staff claim)."""
    return await repos.staff_alerts.page(status, first=first, after=after)


async def _check_batch(
    repos: Repositories, groups: list[GroupDocument], *, now: datetime, outcome: WatchOutcome
) -> None:
    """Three queries for the whole batch, then at most two writes per group."""
    if not groups:
        return
    ids = [group.id for group in groups]
    leaders: dict[str, list[MembershipDocument]] = defaultdict(list)
    for membership in await repos.memberships.leaders_of_groups(ids):
        leaders[membership.group_id].append(membership)
    open_alerts = {alert.group_id: alert for alert in await repos.staff_alerts.open_for_groups(_KIND, ids)}
    for group in groups:
        outcome.checked += 1
        await _check_group(repos, group, leaders[group.id], open_alerts.get(group.id), now=now, outcome=outcome)


async def _check_group(
    repos: Repositories,
    group: GroupDocument,
    leaders: list[MembershipDocument],
    alert: StaffAlertDocument | None,
    *,
    now: datetime,
    outcome: WatchOutcome,
) -> None:
    last = leaders_last_active(leaders)
    flagged = not group.archived and no_active_lead_since(leaders, now)
    if flagged and alert is None:
        outcome.raised += await _raise(repos, group, last, now=now)
    elif not flagged and alert is not None:
        outcome.resolved += await repos.staff_alerts.resolve(alert, now=now)
    await repos.groups.set_lead_check(group.id, at=_next_check(group, last, flagged, now=now), was=group.lead_check_at)


def _next_check(group: GroupDocument, last: datetime | None, flagged: bool, *, now: datetime) -> datetime | None:
    """When to look again: never for an archived group, hourly while flagged, else when the
    leaders' 14 days would run out.
    """
    if group.archived:
        return None
    if flagged or last is None:
        return now + RECHECK_WHILE_OPEN
    return last + LEADER_INACTIVE_AFTER


async def _raise(repos: Repositories, group: GroupDocument, last: datetime | None, *, now: datetime) -> bool:
    alert = StaffAlertDocument(
        id=new_id(), kind=_KIND, group_id=group.id, open_key=open_key(_KIND, group.id),
        last_leader_activity_at=last, created_at=now,
    )  # fmt: skip
    raised = await repos.staff_alerts.raise_if_new(alert)
    if raised:
        logger.info("staff alert raised", extra={"alert_id": alert.id, "group_id": group.id, "kind": _KIND.value})
    return raised
