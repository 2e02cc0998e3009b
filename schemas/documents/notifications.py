"""`notifications`: the outbox and the member's inbox in one document.

A domain action writes one (unique `dedupe_key`, so a repeat is harmless),
then enqueues its delivery; the push state records what happened on the way
to the member's phones.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator

from schemas.documents.base import Document


class NotificationKind(StrEnum):
    """What the notification is about; its text lives in the domain's catalogue."""

    JOIN_REQUEST_APPROVED = "join_request_approved"
    JOIN_REQUEST_DECLINED = "join_request_declined"
    CHECK_IN_REMINDER = "check_in_reminder"
    GROUP_SHARE = "group_share"  # someone in the member's group shared a down day
    SHARE_SUPPORT = "share_support"  # someone responded or reacted to the member's share
    GROUP_SUPPORT_NEEDED = "group_support_needed"  # leads: someone may be struggling; staff are aware
    REPORT_RECEIVED = "report_received"  # leads: something in the group was reported
    DIFFICULT_DATE_CHECK_IN = "difficult_date_check_in"  # to the member, on a day they said may be hard
    DIFFICULT_DATE_HEADS_UP = "difficult_date_heads_up"  # to their leads, the evening before (if shared)
    SIGNPOST_FOLLOW_UP = "signpost_follow_up"  # to the member, 48 hours after high-risk support was shown
    QUIET_NUDGE = "quiet_nudge"  # to the member, when they go quiet in a group (if they want nudges)
    QUIET_LAST_WORD = "quiet_last_word"  # to the member, 14 days into a quiet spell; then silence
    LEAD_DIGEST = "lead_digest"  # leads: once a day at 09:00, what waits in their groups
    MOOD_SUPPORT = "mood_support"  # to the member, privately, when their moods slide; at most weekly
    SUPPORT_REQUEST = "support_request"  # leads: a member would welcome a message (they asked us to say)
    THREAD_MESSAGE = "thread_message"  # a new message in one of the member's conversations
    THREAD_WAITING = "thread_waiting"  # leads: a member has waited 48 hours for a reply in their group
    MODERATION_NOTICE = "moderation_notice"  # to an author or muted member: what a moderator did, and why
    SAFEGUARDING_PAGE = "safeguarding_page"  # organisation staff on call: an alert needs acknowledging
    SESSION_REMINDER_DAY = "session_reminder_day"  # to those going, 24 hours before a session
    SESSION_REMINDER_SOON = "session_reminder_soon"  # to those going, 2 hours before
    SESSION_CANCELLED = "session_cancelled"  # to those going or waiting, when a lead cancels it
    SESSION_MOVED = "session_moved"  # to those going or waiting, when a lead moves it
    SESSION_PLACE_OFFERED = "session_place_offered"  # the first on the waiting list now has a place
    TEXT_WELCOME = "text_welcome"  # by text only: the first text to a member registered by phone (reply YES)
    TEXT_BUDGET_LOW = "text_budget_low"  # org admins: their organisation has used 80% of this month's texts


class Channel(StrEnum):
    """How a notification reaches the member: a push to their phones, or a text message."""

    PUSH = "push"
    SMS = "sms"


# The one "device" a text goes to, in `push.deliveries`.
PHONE = "phone"


class PushStatus(StrEnum):
    PENDING = "pending"  # written, not yet sent: a worker may claim it now
    DEFERRED = "deferred"  # held until `not_before` (quiet hours, daily cap, a retry)
    SENDING = "sending"  # a worker holds its push claim until `not_before`; after that, claimable again
    SENT = "sent"  # accepted by FCM for at least one device
    FAILED = "failed"  # gave up, or no device could take it
    SUPPRESSED = "suppressed"  # the member's preferences say no push; still in the inbox
    EXPIRED = "expired"  # held so long that a push would be stale; still in the inbox


TERMINAL_STATUSES = frozenset({PushStatus.SENT, PushStatus.FAILED, PushStatus.SUPPRESSED, PushStatus.EXPIRED})


class DeliveryOutcome(StrEnum):
    ACCEPTED = "accepted"  # FCM took it for this device
    RETRY = "retry"  # 429, 503 and the like: tried again later
    DEVICE_REMOVED = "device_removed"  # FCM says the token is gone or invalid; the device was deleted
    FAILED = "failed"  # a permanent error that is not the token's (a payload problem: a bug)
    IN_FLIGHT = "in_flight"  # texts: written before Twilio is asked, so a run after a crash looks before resending


class DeviceDelivery(BaseModel):
    """What happened on the last try for one device."""

    model_config = ConfigDict(frozen=True)

    outcome: DeliveryOutcome
    code: str | None = None
    message_id: str | None = None
    at: datetime
    receipt: str | None = Field(
        default=None, description="Texts: the last delivery receipt's status (delivered, undelivered, failed)."
    )


class PushState(BaseModel):
    model_config = ConfigDict(frozen=True)

    status: PushStatus = PushStatus.PENDING
    attempts: int = Field(default=0, description="Sends tried so far (each may reach several devices).")
    not_before: datetime | None = Field(
        default=None,
        description="When a worker may take it (again): deferred, the earliest push; sending, when the "
        "claim lapses; pending, when it was queued (the sweeper waits a grace past it); None once terminal.",
    )
    release_at: datetime | None = Field(
        default=None,
        description="The push's own earliest moment, fixed when written (a group's fan-out spread, ANON-4): "
        "nothing, not even a change of the member's preferences, sends it sooner.",
    )
    claim: str | None = Field(default=None, description="The current claim; every write under a claim checks it.")
    sent_at: datetime | None = None
    updated_at: datetime | None = None
    last_error: str | None = None
    deliveries: dict[str, DeviceDelivery] = Field(default_factory=dict, description="Outcome per device id.")


class NotificationDocument(Document):
    id: str = Field(alias="_id")
    member_id: str
    kind: NotificationKind
    params: dict[str, str] = Field(
        default_factory=dict, description="The ids the push carries, by their camelCase keys (schemas/push.py)."
    )
    dedupe_key: str
    urgent: bool = Field(default=False, description="Safety messages: not held by quiet hours or the daily cap.")
    channel: Channel = Field(default=Channel.PUSH, description="Push to the member's phones, or a text message.")
    created_at: datetime
    read_at: datetime | None = None
    push: PushState = Field(default_factory=PushState)

    @field_validator("params", mode="before")
    @classmethod
    def _camel_case_keys(cls, params: object) -> object:
        """Notifications written before the keys were made one (issue 14) said `group_id`."""
        if isinstance(params, dict) and "group_id" in params:
            return {("groupId" if key == "group_id" else key): value for key, value in params.items()}
        return params
