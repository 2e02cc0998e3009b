"""The member's inbox: every notification they were sent, pushed or not. A member sees only their own."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from domain.errors import HiddenError
from domain.notifications.errors import NotificationError, NotificationErrorCode
from infra.mongo.repositories.registry import Repositories
from schemas.documents.members import MemberDocument
from schemas.documents.notifications import NotificationDocument
from schemas.pagination import Keyset, Page

MARK_READ_MAX = 100
UNREAD_COUNT_LIMIT = 100


@dataclass(frozen=True)
class MarkedRead:
    notifications: list[NotificationDocument]
    not_found_ids: list[str]  # unknown and other members' ids alike


async def inbox_page(
    *, repos: Repositories, member: MemberDocument, first: int, after: Keyset | None
) -> Page[NotificationDocument]:
    """The member's notifications, newest first."""
    return await repos.notifications.inbox(member.id, first=first, after=after)


async def inbox_notification(
    *, repos: Repositories, member: MemberDocument, notification_id: str
) -> NotificationDocument:
    """One of the member's own notifications (what a push opens); another's is HiddenError, like a missing one."""
    found = await repos.notifications.get_many_for_member(member.id, [notification_id])
    if not found:
        raise HiddenError(notification_id)
    return found[0]


async def mark_read(*, repos: Repositories, member: MemberDocument, ids: Sequence[str], now: datetime) -> MarkedRead:
    """Mark the member's own notifications read (the first read time stays); other ids change nothing."""
    wanted = list(dict.fromkeys(ids))
    if not 1 <= len(wanted) <= MARK_READ_MAX:
        message = f"Give 1 to {MARK_READ_MAX} notification ids."
        raise NotificationError(NotificationErrorCode.IDS_COUNT, message)
    await repos.notifications.mark_read(member.id, wanted, now=now)
    found = {n.id: n for n in await repos.notifications.get_many_for_member(member.id, wanted)}
    return MarkedRead(
        notifications=[found[i] for i in wanted if i in found], not_found_ids=[i for i in wanted if i not in found]
    )


async def unread_count(*, repos: Repositories, member: MemberDocument) -> int:
    """Unread notifications, counted up to 100 (the app shows "99+")."""
    return await repos.notifications.unread_count(member.id, limit=UNREAD_COUNT_LIMIT)
