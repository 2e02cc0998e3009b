"""Notifications written straight to the outbox (no task enqueued), for the inbox's tests."""

from __future__ import annotations

import uuid
from datetime import datetime

from infra.mongo.repositories.registry import Repositories
from schemas.documents.base import new_id
from schemas.documents.notifications import NotificationDocument, NotificationKind, PushState, PushStatus


async def stored_notification(
    repos: Repositories,
    member_id: str,
    *,
    created_at: datetime,
    kind: NotificationKind = NotificationKind.CHECK_IN_REMINDER,
    params: dict[str, str] | None = None,
    read_at: datetime | None = None,
) -> NotificationDocument:
    notification = NotificationDocument(
        id=new_id(), member_id=member_id, kind=kind, params=params or {}, dedupe_key=f"test:{uuid.uuid4()}",
        created_at=created_at, read_at=read_at, push=PushState(status=PushStatus.SENT),
    )  # fmt: skip
    assert await repos.notifications.insert_if_new(notification)
    return notification
