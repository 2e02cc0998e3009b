"""When a member gets a push: their preferences, quiet hours and daily cap. Pure rules, no I/O.

Times are UTC in and out; local times are the member's IANA zone, so quiet
hours stay at the same wall-clock time across daylight-saving changes.
"""

from __future__ import annotations

import random
import zoneinfo
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum

from domain.members import is_on_break, local_date, local_time_at, member_zone, parse_clock
from schemas.documents.members import MemberDocument, Preferences
from schemas.documents.notifications import NotificationDocument, NotificationKind

# Kinds a member can switch off, and the preference that does it. Other kinds
# answer something the member asked for (a join request) and always go.
PREFERENCE_FOR_KIND: dict[NotificationKind, str] = {
    NotificationKind.CHECK_IN_REMINDER: "reminders",
    NotificationKind.SESSION_REMINDER_DAY: "reminders",
    NotificationKind.SESSION_REMINDER_SOON: "reminders",
    NotificationKind.QUIET_NUDGE: "nudges",
    NotificationKind.QUIET_LAST_WORD: "nudges",
}


class Action(StrEnum):
    SEND = "send"
    DEFER = "defer"
    SUPPRESS = "suppress"
    EXPIRE = "expire"


@dataclass(frozen=True)
class Decision:
    action: Action
    reason: str | None = None
    until: datetime | None = None


def quiet_hours_end(preferences: Preferences, now: datetime, zone: zoneinfo.ZoneInfo) -> datetime | None:
    """When the quiet hours that `now` falls in end (UTC); None outside them or when they are off."""
    start, end = parse_clock(preferences.quiet_hours_start), parse_clock(preferences.quiet_hours_end)
    if start is None or end is None or start == end:
        return None
    local = now.astimezone(zone)
    clock = local.time()
    if start < end:
        return local_time_at(local.date(), end, zone) if start <= clock < end else None
    if clock >= start:  # quiet hours run past midnight: they end tomorrow
        return local_time_at(local.date() + timedelta(days=1), end, zone)
    return local_time_at(local.date(), end, zone) if clock < end else None


def next_morning(preferences: Preferences, now: datetime, zone: zoneinfo.ZoneInfo) -> datetime:
    """The start of the member's next local day: when their quiet hours end, else midnight."""
    end = parse_clock(preferences.quiet_hours_end)
    start = parse_clock(preferences.quiet_hours_start)
    wake = end if end is not None and end != start else time(0, 0)
    return local_time_at(local_date(now, zone) + timedelta(days=1), wake, zone)


def decide(
    notification: NotificationDocument, member: MemberDocument, *, now: datetime, max_age: timedelta
) -> Decision:
    """Send, hold, or keep it to the inbox. The daily cap is checked later, when a place is reserved."""
    reason = _why_not_pushed(notification, member.preferences, now)
    if reason is not None:
        return Decision(Action.SUPPRESS, reason)
    release_at = notification.push.release_at
    if release_at is not None and now < release_at:  # however it came to be looked at early
        return Decision(Action.DEFER, "release_time", release_at)
    if notification.urgent:
        return Decision(Action.SEND)
    if now - notification.created_at > max_age:
        return Decision(Action.EXPIRE, "too_old")
    quiet_end = quiet_hours_end(member.preferences, now, member_zone(member))
    if quiet_end is not None:
        return Decision(Action.DEFER, "quiet_hours", quiet_end)
    return Decision(Action.SEND)


def _why_not_pushed(notification: NotificationDocument, preferences: Preferences, now: datetime) -> str | None:
    """Why the member wants no push for this one at all (it stays in the inbox); None if they do.
    Urgent notifications pass a break and a zero cap, not a kind the member switched off.
    """
    preference = PREFERENCE_FOR_KIND.get(notification.kind)
    if notification.read_at is not None:
        return "already_read"
    if preference is not None and not getattr(preferences, preference):
        return f"{preference}_off"
    if notification.urgent:
        return None
    if is_on_break(preferences, now):
        return "on_break"
    return "daily_cap_zero" if preferences.daily_push_cap == 0 else None


def retry_delay(attempt: int, retry_after: float | None, *, base: float, cap: float) -> float:
    """Seconds before the next try: exponential from `base` with jitter, never sooner than
    the server's Retry-After (REL-5), never longer than `cap` unless the server asks.
    """
    backoff = min(cap, base * 2.0 ** max(attempt - 1, 0))
    jittered = backoff * (0.5 + random.random() / 2)  # noqa: S311 - spreading retries, not a secret
    return max(jittered, retry_after or 0.0)
