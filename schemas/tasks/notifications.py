"""Task names and payloads of the notifications concern."""

from __future__ import annotations

from pydantic import BaseModel

DELIVER = "notifications.deliver"
SWEEP = "notifications.sweep"


class DeliverNotification(BaseModel):
    notification_id: str
