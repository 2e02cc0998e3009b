"""What waits for a group's leads: members shown as quiet, join requests, reports, members waiting
for a reply in a conversation. Read by the leads' digest (domain/noticing/digest.py) and by
`myLeadership`. Never anything about moods.

Something starting to wait (a join request, a report, a member listed as quiet) makes each
of the group's leads due a look at their next 09:00: `expect_digest` writes that moment,
and the digest tick reads only the leads who are due.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from domain.members import local_date, local_time_at, member_zone
from infra.mongo.repositories.registry import Repositories
from schemas.documents.memberships import MembershipDocument

GROUP_MEMBERS_MAX = 100  # a group's capacity
REPORTS_READ_MAX = 2_000  # waiting reports read to count; far above any real queue
THREADS_READ_MAX = 2_000  # threads waiting for a reply, read to count: at most one per member and group
DIGEST_TIME = time(9, 0)


@dataclass(frozen=True)
class Attention:
    """One group's waiting work, as its leads may see it."""

    quiet_members: tuple[MembershipDocument, ...] = ()  # listed with the member's consent
    pending_join_requests: int = 0
    open_reports: int = 0
    oldest_report_at: datetime | None = None  # to the minute, as leads see reports
    threads_waiting: int = 0  # conversations whose member waits for the leadership's reply
    oldest_wait_since: datetime | None = None

    @property
    def anything(self) -> bool:
        return bool(self.quiet_members or self.pending_join_requests or self.open_reports or self.threads_waiting)


async def attention_for(
    repos: Repositories, group_ids: Sequence[str], *, viewer_id: str, pending: dict[str, int] | None = None
) -> dict[str, Attention]:
    """Each group's waiting work in four queries (three when the caller counted the pending join
    requests), whatever the number of groups; the viewer is never listed (or counted) to themselves.
    """
    if not group_ids:
        return {}
    limit = GROUP_MEMBERS_MAX * len(group_ids)
    quiet: dict[str, list[MembershipDocument]] = defaultdict(list)
    for membership in await repos.memberships.listed_in_groups(group_ids, limit=limit):
        if membership.member_id != viewer_id:
            quiet[membership.group_id].append(membership)
    if pending is None:
        pending = await repos.join_requests.count_pending(group_ids)
    reports: dict[str, list[datetime]] = defaultdict(list)
    for group_id, minute in await repos.reports.waiting_in_groups(group_ids, limit=REPORTS_READ_MAX):
        reports[group_id].append(minute)
    waits: dict[str, list[datetime]] = defaultdict(list)
    for group_id, member_id, since in await repos.threads.waiting_in_groups(group_ids, limit=THREADS_READ_MAX):
        if member_id != viewer_id:
            waits[group_id].append(since)
    return {
        group_id: Attention(
            quiet_members=tuple(
                sorted(quiet[group_id], key=lambda m: (m.quiet.since if m.quiet else m.joined_at, m.id))
            ),
            pending_join_requests=pending.get(group_id, 0),
            open_reports=len(reports[group_id]),
            oldest_report_at=min(reports[group_id], default=None),
            threads_waiting=len(waits[group_id]),
            oldest_wait_since=min(waits[group_id], default=None),
        )
        for group_id in group_ids
    }


async def expect_digest(*, repos: Repositories, group_ids: Sequence[str], now: datetime) -> None:
    """Something now waits in these groups: each of their leads and co-leads is due a look at
    their next 09:00 (who is told is decided then, with who is away then).
    """
    leaders = await repos.memberships.leaders_of_groups(list(group_ids)) if group_ids else []
    for lead in await repos.members.get_many(list({m.member_id for m in leaders})) if leaders else []:
        await repos.lead_digests.expect(lead.id, at=next_digest_at(now, member_zone(lead)), now=now)


def next_digest_at(now: datetime, zone: ZoneInfo) -> datetime:
    """The first 09:00 in `zone` after `now`, in UTC (wall-clock, so DST-correct)."""
    today = local_date(now, zone)
    at = local_time_at(today, DIGEST_TIME, zone)
    return at if at > now else local_time_at(today + timedelta(days=1), DIGEST_TIME, zone)
