"""`supportRequest`: a member tells their group's leads "I'm having a hard time and would
welcome a message". The leads' notification says exactly that, with the member's name in
the app only; never a mood, a check-in or a note. Once a day per member and group. The
conversation it opens, with the member's own words if they add any, is outreach's
(domain/outreach/support.py); here are who hears and the telling.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.errors import HiddenError
from domain.groups import is_active, lead_facing_recipients
from domain.members import local_date, member_zone
from domain.noticing.errors import NoticingError, NoticingErrorCode
from domain.notifications import notify
from infra.mongo.repositories.registry import Repositories
from infra.queue import TaskQueue
from schemas.documents.groups import GroupDocument
from schemas.documents.members import MemberDocument
from schemas.documents.memberships import MembershipDocument
from schemas.documents.notifications import NotificationKind


@dataclass(frozen=True)
class SupportPlace:
    """The group a member asks in, their membership, and who hears: its leads (its co-leads while
    every lead is away), never the member themselves.
    """

    group: GroupDocument
    membership: MembershipDocument
    recipients: list[str]


async def support_place(*, repos: Repositories, member: MemberDocument, group_id: str, now: datetime) -> SupportPlace:
    """Where the member may ask for support now; NOT_FOUND outside their groups, typed errors otherwise."""
    group = await repos.groups.get(group_id)
    membership = await repos.memberships.get(group_id, member.id)
    if group is None or membership is None or not is_active(membership):
        raise HiddenError(group_id)
    if group.archived:
        raise NoticingError(NoticingErrorCode.GROUP_ARCHIVED, "This group has been archived.")
    others = [m for m in await repos.memberships.leaders_of(group.id) if m.member_id != member.id]
    recipients = lead_facing_recipients(others, now)
    if not recipients:
        message = "Nobody leads this group just now. The helplines in the app are there for you."
        raise NoticingError(NoticingErrorCode.NO_LEADER_AVAILABLE, message)
    return SupportPlace(group, membership, recipients)


async def tell_leads_support_requested(
    *, repos: Repositories, queue: TaskQueue, member: MemberDocument, place: SupportPlace, thread_id: str,
    now: datetime,
) -> int:  # fmt: skip
    """Tell the leads the member would welcome a message, pointing at the thread to answer in; how many hear."""
    day = local_date(now, member_zone(member)).isoformat()
    for lead_id in place.recipients:
        await notify(
            repos=repos, queue=queue, member_id=lead_id, kind=NotificationKind.SUPPORT_REQUEST,
            dedupe_key=f"support_request:{member.id}:{place.group.id}:{day}:{lead_id}", now=now,
            params={"memberId": member.id, "groupId": place.group.id, "threadId": thread_id},
        )  # fmt: skip
    return len(place.recipients)
