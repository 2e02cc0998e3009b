"""`supportRequest`: a member tells their group's leads "I'm having a hard time and would
welcome a message". The leads' notification says exactly that, with the member's name in
the app only; never a mood, a check-in or a note. Once a day per member and group.
"""

from __future__ import annotations

from datetime import datetime

from domain.errors import HiddenError
from domain.groups import is_active, lead_facing_recipients
from domain.members import local_date, member_zone
from domain.noticing.errors import NoticingError, NoticingErrorCode
from domain.notifications import notify
from infra.mongo.repositories.registry import Repositories
from infra.queue import TaskQueue
from schemas.documents.members import MemberDocument
from schemas.documents.notifications import NotificationKind


async def request_support(
    *, repos: Repositories, queue: TaskQueue, member: MemberDocument, group_id: str, now: datetime
) -> int:
    """Tell the group's leads (its co-leads while every lead is away); how many leaders hear it."""
    group = await repos.groups.get(group_id)
    membership = await repos.memberships.get(group_id, member.id)
    if group is None or not is_active(membership):
        raise HiddenError(group_id)
    if group.archived:
        raise NoticingError(NoticingErrorCode.GROUP_ARCHIVED, "This group has been archived.")
    others = [m for m in await repos.memberships.leaders_of(group.id) if m.member_id != member.id]
    recipients = lead_facing_recipients(others, now)
    if not recipients:
        message = "Nobody leads this group just now. The helplines in the app are there for you."
        raise NoticingError(NoticingErrorCode.NO_LEADER_AVAILABLE, message)
    day = local_date(now, member_zone(member)).isoformat()
    for lead_id in recipients:
        await notify(
            repos=repos, queue=queue, member_id=lead_id, kind=NotificationKind.SUPPORT_REQUEST,
            dedupe_key=f"support_request:{member.id}:{group.id}:{day}:{lead_id}", now=now,
            params={"memberId": member.id, "groupId": group.id},
        )  # fmt: skip
    return len(recipients)
