"""Pure rules of signposting: who a resource serves, in what order, whether it is open,
and when a member is shown support.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from domain.crisis.messages import MessageKey
from schemas.documents.groups import GroupKind
from schemas.documents.safeguarding_alerts import RiskLevel
from schemas.documents.support_resources import OpeningHours, SupportResourceDocument, Weekday

LOWEST_MOOD = 1
MAXIMUM_AGE = 120
_DAY = 24 * 60
_WEEK = 7 * _DAY
_WEEKDAYS = list(Weekday)


def serves_age(resource: SupportResourceDocument, age: int | None) -> bool:
    """Within the resource's ages. With no age given every resource is shown, its
    ages labelled: more help is better than none.
    """
    if age is None:
        return True
    return (resource.min_age is None or age >= resource.min_age) and (
        resource.max_age is None or age <= resource.max_age
    )


def serves_group(resource: SupportResourceDocument, group_kind: GroupKind | None) -> bool:
    """A resource for some kinds of group (Cruse, for bereavement) only about a group of those kinds."""
    return not resource.group_kinds or group_kind in resource.group_kinds


def ordered(resources: Iterable[SupportResourceDocument]) -> list[SupportResourceDocument]:
    """Emergencies first, then lines open 24/7, then the rest, and lines for information last; the
    reviewed file's order within each.
    """
    return sorted(
        resources, key=lambda item: (not item.emergency, not item.hours.always_open, item.information_only, item.rank)
    )


def is_open(hours: OpeningHours, now: datetime) -> bool:
    """Open at `now`, reading the weekly ranges in the resource's own time zone."""
    if hours.always_open:
        return True
    local = now.astimezone(ZoneInfo(hours.timezone))
    minute = local.weekday() * _DAY + local.hour * 60 + local.minute
    for opening in hours.ranges:
        start = _minute_of_week(opening.from_day, opening.from_time)
        length = (_minute_of_week(opening.to_day, opening.to_time) - start) % _WEEK
        if (minute - start) % _WEEK < length:
            return True
    return False


def support_message(level: RiskLevel, mood: int | None) -> MessageKey | None:
    """Which words to show with the resources, or None when nothing calls for support."""
    if level is RiskLevel.HIGH:
        return MessageKey.HIGH
    if level is RiskLevel.CONCERN:
        return MessageKey.CONCERN
    if mood == LOWEST_MOOD:
        return MessageKey.LOW_MOOD
    return None


def _minute_of_week(day: Weekday, time: str) -> int:
    hours, minutes = time.split(":")
    return _WEEKDAYS.index(day) * _DAY + int(hours) * 60 + int(minutes)
