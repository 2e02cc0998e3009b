"""`notifications`: the outbox and the member's inbox in one document.

A domain action writes one (unique `dedupe_key`, so a repeat is harmless),
then enqueues its delivery; the push state records what happened on the way
to the member's phones.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from schemas.documents.base import Document


class NotificationKind(StrEnum):
    """What the notification is about; its text lives in the domain's catalogue."""

    JOIN_REQUEST_APPROVED = "join_request_approved"
    JOIN_REQUEST_DECLINED = "join_request_declined"
    CHECK_IN_REMINDER = "check_in_reminder"


class PushStatus(StrEnum):
    PENDING = "pending"  # written, not yet sent
    DEFERRED = "deferred"  # held until `not_before` (quiet hours, daily cap, a retry)
    SENT = "sent"  # accepted by FCM for at least one device
    FAILED = "failed"  # gave up, or no device could take it
    SUPPRESSED = "suppressed"  # the member's preferences say no push; still in the inbox


class PushState(BaseModel):
    model_config = ConfigDict(frozen=True)

    status: PushStatus = PushStatus.PENDING
    attempts: int = 0
    not_before: datetime | None = None
    updated_at: datetime | None = None
    last_error: str | None = None


class NotificationDocument(Document):
    id: str = Field(alias="_id")
    member_id: str
    kind: NotificationKind
    params: dict[str, str] = Field(default_factory=dict, description="Values the text is filled with.")
    dedupe_key: str
    urgent: bool = Field(default=False, description="Safety messages: not held by quiet hours or the daily cap.")
    created_at: datetime
    read_at: datetime | None = None
    push: PushState = Field(default_factory=PushState)
