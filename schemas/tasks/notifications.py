"""Task names and payloads of the notifications concern."""

from __future__ import annotations

from pydantic import BaseModel

DELIVER = "notifications.deliver"
SWEEP = "notifications.sweep"


class DeliverNotification(BaseModel):
    notification_id: str
    # The recipient, so a sharded store reads the notification from one shard (docs/scale.md);
    # None in a task enqueued before it was added: the read then reaches every shard.
    member_id: str | None = None
