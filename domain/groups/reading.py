"""Reading groups: one group, the member's own, discovery, join requests, a lead's work.

Each function returns documents with what the viewer may see of them
decided here; the API only shapes them.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from domain.groups.access import authorized, load, with_host_staffing
from domain.groups.attention import Attention, attention_for
from domain.groups.policies import GroupAction, Viewer, authorize, discoverable_youth, has_active_leader
from domain.groups.views import GroupView, view_of
from infra.mongo.repositories.groups import Discovery
from infra.mongo.repositories.memberships import LEADER_ROLES
from infra.mongo.repositories.registry import Repositories
from schemas.documents.groups import GroupDocument, GroupKind
from schemas.documents.join_requests import JoinRequestDocument
from schemas.documents.memberships import GroupRole, MembershipDocument
from schemas.pagination import Keyset, Page

SEARCH_TEXT_MAX = 80
LEADING_MAX = 200  # groups one person leads; far above any real volunteer's load


@dataclass(frozen=True)
class LeadershipEntry:
    """One group the viewer leads or co-leads, and what waits there for its leads."""

    view: GroupView
    role: GroupRole
    pending_join_requests: int
    has_active_leader: bool  # a lead or co-lead, the viewer included, not away and active in 14 days
    quiet_members: int = 0  # gone quiet, and let their leads know
    open_reports: int = 0
    oldest_open_report_at: datetime | None = None
    threads_waiting: int = 0  # conversations whose member waits for a reply from the group's leadership
    oldest_wait_since: datetime | None = None


@dataclass(frozen=True)
class Leadership:
    """What waits for a lead across their groups."""

    pending_join_requests: int
    groups: Page[LeadershipEntry]


async def get_group(*, repos: Repositories, viewer: Viewer, group_id: str) -> GroupView:
    """One group: its public fields for an eligible non-member of an open group, more for members."""
    group, membership = await load(repos, viewer, group_id)
    viewer = await with_host_staffing(repos, viewer, group, membership)
    return view_of(viewer, authorize(GroupAction.VIEW, viewer, group, membership), membership)


async def my_groups(*, repos: Repositories, viewer: Viewer, after: Keyset | None, first: int) -> Page[GroupView]:
    """The viewer's groups, most recently joined first: two queries whatever their number."""
    memberships = await repos.memberships.page_for_member(viewer.id, after=after, first=first)
    groups = {g.id: g for g in await repos.groups.get_many([m.group_id for m in memberships.items])}
    views = [view_of(viewer, groups[m.group_id], m) for m in memberships.items if m.group_id in groups]
    return Page(items=views, has_next=memberships.has_next)


async def discover_groups(
    *,
    repos: Repositories,
    viewer: Viewer,
    kind: GroupKind | None,
    text: str | None,
    after: Keyset | None,
    first: int,
) -> Page[GroupView]:
    """Open groups with room that the viewer could join, A to Z, optionally by kind and text."""
    needle = " ".join(unicodedata.normalize("NFC", text or "").split()).casefold()[:SEARCH_TEXT_MAX]
    discovery = Discovery(youth=discoverable_youth(viewer.age), kind=kind, text=needle or None)
    page = await repos.groups.discover(discovery, after=after, first=first)
    mine = {m.group_id: m for m in await repos.memberships.active_for_member_in(viewer.id, [g.id for g in page.items])}
    return Page(items=[view_of(viewer, g, mine.get(g.id)) for g in page.items], has_next=page.has_next)


async def pending_join_requests(
    *, repos: Repositories, viewer: Viewer, group_id: str, after: Keyset | None, first: int
) -> Page[JoinRequestDocument]:
    """A group's pending join requests, oldest first (leads and co-leads)."""
    group, _ = await authorized(repos, viewer, group_id, GroupAction.REVIEW_REQUESTS)
    return await repos.join_requests.page_pending(group.id, after=after, first=first)


async def my_leadership(
    *, repos: Repositories, viewer: Viewer, after: Keyset | None, first: int, now: datetime
) -> Leadership:
    """The groups the viewer leads or co-leads, with what waits in each and in all (archived ones wait
    for nothing), and whether each has a leader around.
    """
    page = await repos.memberships.page_for_member(viewer.id, roles=LEADER_ROLES, after=after, first=first)
    # The totals cover every group they lead; a first page that holds them all already is that.
    everything = after is None and not page.has_next
    leading = page.items if everything else await repos.memberships.leading(viewer.id, limit=LEADING_MAX)
    group_ids = list({m.group_id for m in [*leading, *page.items]})
    groups = {g.id: g for g in await repos.groups.get_many(group_ids)}
    live = [group_id for group_id, group in groups.items() if not group.archived]
    pending = await repos.join_requests.count_pending(live) if live else {}
    leaders = await _leaders_by_group(repos, [m.group_id for m in page.items])
    on_page = [m.group_id for m in page.items if m.group_id in live]
    waiting = await attention_for(repos, on_page, viewer_id=viewer.id, pending=pending)
    attention = {m.group_id: waiting.get(m.group_id, Attention()) for m in page.items}
    entries = [
        _entry(viewer, groups[m.group_id], m, pending=pending, waiting=attention[m.group_id], leaders=leaders, now=now)
        for m in page.items
        if m.group_id in groups
    ]
    total = sum(pending.get(m.group_id, 0) for m in leading)
    return Leadership(pending_join_requests=total, groups=Page(items=entries, has_next=page.has_next))


def _entry(
    viewer: Viewer,
    group: GroupDocument,
    membership: MembershipDocument,
    *,
    pending: dict[str, int],
    waiting: Attention,
    leaders: dict[str, list[MembershipDocument]],
    now: datetime,
) -> LeadershipEntry:
    return LeadershipEntry(
        view=view_of(viewer, group, membership),
        role=membership.role,
        pending_join_requests=pending.get(group.id, 0),
        has_active_leader=has_active_leader(leaders[group.id], now),
        quiet_members=len(waiting.quiet_members),
        open_reports=waiting.open_reports,
        oldest_open_report_at=waiting.oldest_report_at,
        threads_waiting=waiting.threads_waiting,
        oldest_wait_since=waiting.oldest_wait_since,
    )


async def _leaders_by_group(repos: Repositories, group_ids: list[str]) -> dict[str, list[MembershipDocument]]:
    """The leads and co-leads of these groups, in one query."""
    by_group: dict[str, list[MembershipDocument]] = defaultdict(list)
    for membership in await repos.memberships.leaders_of_groups(group_ids) if group_ids else []:
        by_group[membership.group_id].append(membership)
    return by_group
