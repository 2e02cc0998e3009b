"""Notifications: write to the outbox first, then ask a worker to deliver."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from infra.mongo.repositories.registry import Repositories
from infra.queue import TaskQueue
from schemas.documents.base import new_id
from schemas.documents.notifications import Channel, NotificationDocument, NotificationKind, PushState, PushStatus
from schemas.push import params_mismatch
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
    channel: Channel = Channel.PUSH,
) -> NotificationDocument | None:
    """Record a notification for a member and enqueue its delivery.

    The same `dedupe_key` twice records and sends once (None the second time).
    If the broker is down the notification stays pending, and the sweeper
    enqueues it later: nothing the service accepted is lost.
    """
    _keep_contract(kind, params or {})
    notification = _queued(member_id, kind, dedupe_key, now, params, urgent=urgent, channel=channel)
    if not await repos.notifications.insert_if_new(notification):
        return None
    await queue.enqueue(DELIVER, DeliverNotification(notification_id=notification.id, member_id=member_id))
    return notification


async def notify_each(
    *,
    repos: Repositories,
    queue: TaskQueue,
    recipients: Mapping[str, str],
    kind: NotificationKind,
    now: datetime,
    params: dict[str, str] | None = None,
    channels: Mapping[str, Channel] | None = None,
) -> int:
    """`notify` for many members at once (a group's fan-out), `recipients` mapping each member to
    its `dedupe_key`: one unordered insert for them all, then a delivery task for each new one;
    how many were new. As in `notify`, a repeated key is skipped and a broker outage loses nothing.
    `channels`: the members to text rather than push (docs/product/texting.md); push for the rest.
    """
    _keep_contract(kind, params or {})
    notifications = [
        _queued(member_id, kind, dedupe_key, now, params, channel=(channels or {}).get(member_id, Channel.PUSH))
        for member_id, dedupe_key in recipients.items()
    ]
    inserted = await repos.notifications.insert_new(notifications)
    for notification in inserted:
        payload = DeliverNotification(notification_id=notification.id, member_id=notification.member_id)
        if not await queue.enqueue(DELIVER, payload, bulk=True):  # after every other task
            break  # the broker is down: the sweeper hands the rest to workers later
    return len(inserted)


def _queued(
    member_id: str,
    kind: NotificationKind,
    dedupe_key: str,
    now: datetime,
    params: dict[str, str] | None,
    *,
    urgent: bool = False,
    channel: Channel = Channel.PUSH,
) -> NotificationDocument:
    """A notification whose delivery is enqueued now: the sweeper re-enqueues it if still pending after a grace."""
    return NotificationDocument(
        id=new_id(),
        member_id=member_id,
        kind=kind,
        params=params or {},
        dedupe_key=dedupe_key,
        urgent=urgent,
        channel=channel,
        created_at=now,
        push=PushState(not_before=now),
    )


@dataclass(frozen=True)
class Notice:
    """One notification whose push waits until `not_before`."""

    member_id: str
    kind: NotificationKind
    dedupe_key: str
    not_before: datetime
    params: dict[str, str] = field(default_factory=dict)


async def notify_later(*, repos: Repositories, notices: Sequence[Notice], now: datetime) -> int:
    """Record notifications to push later, each at its own `not_before`, in one write; how many were new.

    For a fan-out to a group, spread in time (ANON-9): `not_before` is also each push's
    release time, which nothing moves earlier (a push sent at once when a member changed a
    setting would time its author). Nothing is enqueued: each is
    stored as deferred, and beat's sweeper hands it to a worker once its time comes,
    so a broker outage loses nothing. A repeated `dedupe_key` is skipped, as in notify.
    """
    for notice in notices:
        _keep_contract(notice.kind, notice.params)
    return await repos.notifications.insert_many_if_new(
        [
            NotificationDocument(
                id=new_id(),
                member_id=notice.member_id,
                kind=notice.kind,
                params=notice.params,
                dedupe_key=notice.dedupe_key,
                created_at=now,
                push=PushState(status=PushStatus.DEFERRED, not_before=notice.not_before, release_at=notice.not_before),
            )
            for notice in notices
        ]
    )


def _keep_contract(kind: NotificationKind, params: dict[str, str]) -> None:
    """Every notification carries exactly its kind's ids (schemas/push.py): a mismatch is a bug, refused here."""
    if (mismatch := params_mismatch(kind, params)) is not None:
        raise ValueError(mismatch)
