"""Reading what the service noticed: a group's members who have gone quiet, as their leads see them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from domain.groups import GroupAction, Viewer, authorized
from infra.mongo.repositories.registry import Repositories
from schemas.documents.memberships import MembershipDocument
from schemas.pagination import Keyset, Page


@dataclass(frozen=True)
class QuietMember:
    """Who has gone quiet, and since which day (in the group's time zone): nothing finer."""

    membership: MembershipDocument
    since: date

    @property
    def missed_sessions(self) -> bool:
        """They went quiet by missing the group's last 2 sessions after coming before."""
        return self.membership.quiet is not None and self.membership.quiet.missed_sessions


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
