"""The member's clock, written once: their zone, their local date, their break, and
wall-clock times as they type them ("21:00"). Group zones use the same rules.

Every stored zone was checked against the known IANA zones when it was given; a
name that is not one (only ever a refused input) reads as UTC, so nothing here raises.
"""

from __future__ import annotations

import zoneinfo
from datetime import UTC, date, datetime, time
from functools import cache

from schemas.documents.members import MemberDocument, Preferences

UTC_ZONE = zoneinfo.ZoneInfo("UTC")


@cache
def iana_zones() -> frozenset[str]:
    """The zones a member or group may give. The system's tz folder adds files that are not zones
    anyone lives in; a name outside the folder can fail with OSError, not a lookup miss.
    """
    return frozenset(zoneinfo.available_timezones()) - {"localtime", "posixrules", "Factory"}


def zone_of(timezone: str) -> zoneinfo.ZoneInfo:
    """The named zone, or UTC for a name that is not a known zone."""
    return zoneinfo.ZoneInfo(timezone) if timezone in iana_zones() else UTC_ZONE


def member_zone(member: MemberDocument) -> zoneinfo.ZoneInfo:
    return zone_of(member.timezone)


def local_date(moment: datetime, where: str | zoneinfo.ZoneInfo) -> date:
    """The date at `moment` where the member lives: "their local today" when `moment` is now."""
    zone = where if isinstance(where, zoneinfo.ZoneInfo) else zone_of(where)
    return moment.astimezone(zone).date()


def local_time_at(day: date, clock: time, zone: zoneinfo.ZoneInfo) -> datetime:
    """A wall-clock time on a local day, in UTC. A time skipped by a spring-forward gap lands
    just after the gap, since zoneinfo reads it with the offset before it.
    """
    return datetime.combine(day, clock, tzinfo=zone).astimezone(UTC)


def is_on_break(preferences: Preferences, now: datetime) -> bool:
    return preferences.on_break_until is not None and preferences.on_break_until > now


def parse_clock(text: str) -> time | None:
    """ "HH:MM" on a 24-hour clock, or None when it is anything else."""
    hours, sep, minutes = text.partition(":")
    if not (sep and len(hours) == 2 and len(minutes) == 2 and hours.isdigit() and minutes.isdigit()):
        return None
    if int(hours) > 23 or int(minutes) > 59:
        return None
    return time(int(hours), int(minutes))
