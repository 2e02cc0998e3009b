"""What waits for a group's leads: members shown as quiet, join requests, reports, members waiting
for a reply in a conversation. Read by the leads' digest and by `myLeadership`. Never anything
about moods.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from domain.groups.access import authorized
from domain.groups.policies import GroupAction, Viewer
from infra.mongo.pagination import Keyset, Page
from infra.mongo.repositories.registry import Repositories
from schemas.documents.memberships import MembershipDocument

GROUP_MEMBERS_MAX = 100  # a group's capacity
REPORTS_READ_MAX = 2_000  # waiting reports read to count; far above any real queue
THREADS_READ_MAX = 2_000  # threads waiting for a reply, read to count: at most one per member and group


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


@dataclass(frozen=True)
class QuietMember:
    """Who has gone quiet, and since which day (in the group's time zone): nothing finer."""

    membership: MembershipDocument
    since: date


async def quiet_members(
    *, repos: Repositories, viewer: Viewer, group_id: str, after: Keyset | None, first: int
) -> Page[QuietMember]:
    """A group's members who have gone quiet and let their leads know, quiet longest first (leads and
    co-leads). Nothing about moods: who, and since when.
    """
    group, _ = await authorized(repos, viewer, group_id, GroupAction.VIEW_QUIET)
    page = await repos.memberships.page_listed(group.id, viewer_id=viewer.id, after=after, first=first)
    zone = ZoneInfo(group.timezone)
    items = [QuietMember(m, (m.quiet.since if m.quiet else m.joined_at).astimezone(zone).date()) for m in page.items]
    return Page(items=items, has_next=page.has_next)
