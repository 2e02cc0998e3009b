"""Notifications: write to the outbox first, then ask a worker to deliver."""

from __future__ import annotations

from datetime import datetime

from infra.mongo.repositories.registry import Repositories
from infra.queue import TaskQueue
from schemas.documents.base import new_id
from schemas.documents.notifications import NotificationDocument, NotificationKind, PushState
from schemas.tasks.notifications import DELIVER, DeliverNotification


async def notify(
    *,
    repos: Repositories,
    queue: TaskQueue,
    member_id: str,
    kind: NotificationKind,
    dedupe_key: str,
    now: datetime,
    params: dict[str, str] | None = None,
    urgent: bool = False,
) -> NotificationDocument | None:
    """Record a notification for a member and enqueue its delivery.

    The same `dedupe_key` twice records and sends once (None the second time).
    If the broker is down the notification stays pending, and the sweeper
    enqueues it later: nothing the service accepted is lost.
    """
    notification = NotificationDocument(
        id=new_id(),
        member_id=member_id,
        kind=kind,
        params=params or {},
        dedupe_key=dedupe_key,
        urgent=urgent,
        created_at=now,
        push=PushState(not_before=now),  # queued now: the sweeper re-enqueues it if still pending after a grace
    )
    if not await repos.notifications.insert_if_new(notification):
        return None
    await queue.enqueue(DELIVER, DeliverNotification(notification_id=notification.id))
    return notification
