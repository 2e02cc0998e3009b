"""What the domain hands the push adapter, and what comes back per device, and the data every
push carries: the contract the app opens a deep link from.

Only lock-screen-safe text and ids cross this line: the app fetches the
details over GraphQL when the member opens the notification. Every push's data
is `notificationId`, `kind` (the GraphQL enum value, such as GROUP_SHARE) and
exactly the ids `PUSH_DATA_KEYS` gives its kind, under the same camelCase keys
the inbox shows as `params`; the SDL documents them per kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from schemas.documents.notifications import NotificationKind


class PushKey(StrEnum):
    """The ids a push (and its inbox notification) can carry, by their data keys."""

    GROUP_ID = "groupId"
    SHARE_ID = "shareId"
    MEMBER_ID = "memberId"
    FOLLOW_UP_ID = "followUpId"
    DIFFICULT_DATE_ID = "difficultDateId"
    THREAD_ID = "threadId"
    ALERT_ID = "alertId"
    SESSION_ID = "sessionId"


_GROUP = (PushKey.GROUP_ID,)
_SESSION = (PushKey.GROUP_ID, PushKey.SESSION_ID)
PUSH_DATA_KEYS: Mapping[NotificationKind, tuple[PushKey, ...]] = {
    NotificationKind.JOIN_REQUEST_APPROVED: _GROUP,
    NotificationKind.JOIN_REQUEST_DECLINED: _GROUP,
    NotificationKind.CHECK_IN_REMINDER: _GROUP,
    NotificationKind.GROUP_SHARE: (PushKey.GROUP_ID, PushKey.SHARE_ID),
    NotificationKind.SHARE_SUPPORT: _GROUP,  # never the share: the outbox links no member to anonymous content
    NotificationKind.GROUP_SUPPORT_NEEDED: _GROUP,
    NotificationKind.REPORT_RECEIVED: _GROUP,
    NotificationKind.DIFFICULT_DATE_CHECK_IN: (PushKey.DIFFICULT_DATE_ID,),
    NotificationKind.DIFFICULT_DATE_HEADS_UP: (PushKey.GROUP_ID, PushKey.MEMBER_ID),
    NotificationKind.SIGNPOST_FOLLOW_UP: (PushKey.FOLLOW_UP_ID,),
    NotificationKind.QUIET_NUDGE: _GROUP,
    NotificationKind.QUIET_LAST_WORD: _GROUP,
    NotificationKind.LEAD_DIGEST: (),
    NotificationKind.MOOD_SUPPORT: (),
    NotificationKind.SUPPORT_REQUEST: (PushKey.GROUP_ID, PushKey.MEMBER_ID, PushKey.THREAD_ID),
    NotificationKind.THREAD_MESSAGE: (PushKey.THREAD_ID,),  # never the group or the sender: opens the thread
    NotificationKind.THREAD_WAITING: (PushKey.GROUP_ID, PushKey.THREAD_ID),
    NotificationKind.MODERATION_NOTICE: (),  # never the content or the group: the app opens the member's notices
    NotificationKind.SAFEGUARDING_PAGE: (PushKey.ALERT_ID,),  # never the group or the member: staff open the alert
    NotificationKind.SESSION_REMINDER_DAY: _SESSION,
    NotificationKind.SESSION_REMINDER_SOON: _SESSION,
    NotificationKind.SESSION_CANCELLED: _SESSION,
    NotificationKind.SESSION_MOVED: _SESSION,
    NotificationKind.SESSION_PLACE_OFFERED: _SESSION,
    NotificationKind.TEXT_WELCOME: _GROUP,  # by text only: the group the member was registered into
    NotificationKind.TEXT_BUDGET_LOW: (),  # never the organisation or a group: the admin opens their organisation
}
COMMON_KEYS = ("notificationId", "kind")


def params_mismatch(kind: NotificationKind, params: Mapping[str, str]) -> str | None:
    """Why these params break the contract for `kind` (the keys must be exactly its ids); None if they keep it."""
    expected = {key.value for key in PUSH_DATA_KEYS[kind]}
    return None if set(params) == expected else f"{kind.name} carries {sorted(expected)}, not {sorted(params)}"


def push_data(notification_id: str, kind: NotificationKind, params: Mapping[str, str]) -> dict[str, str]:
    """A push's data: its notification's id, its kind as the GraphQL enum value, and its kind's ids."""
    ids = {key.value: params[key] for key in PUSH_DATA_KEYS[kind] if key in params}  # one stored before a key: without
    return {"notificationId": notification_id, "kind": kind.name, **ids}


@dataclass(frozen=True)
class PushMessage:
    """One push to one device. `collapse_id` is the notification id: sent as the
    Android tag and the APNs collapse id, so a resend replaces and never stacks.
    """

    device_id: str
    token: str
    title: str
    body: str
    collapse_id: str
    data: dict[str, str]
    urgent: bool
    ttl_seconds: int


class SendOutcome(StrEnum):
    ACCEPTED = "accepted"
    RETRY = "retry"  # quota, unavailable, internal: worth another try later
    DEVICE_GONE = "device_gone"  # unregistered, invalid, or from another project: delete the token
    FAILED = "failed"  # permanent, and not the token's fault (a payload problem)


@dataclass(frozen=True)
class PushResult:
    device_id: str
    outcome: SendOutcome
    code: str | None = None  # "unregistered", "invalid_token", "quota_exceeded", ...
    message_id: str | None = None
    retry_after_seconds: float | None = None
