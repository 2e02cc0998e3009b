"""What the domain hands the push adapter, and what comes back per device.

Only lock-screen-safe text and ids cross this line: the app fetches the
details over GraphQL when the member opens the notification.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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
