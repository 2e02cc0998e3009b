"""Whose helplines to show: a member's nation, age and language, kept per process for the
members it served lately, so a crisis answer can name the right helplines even when the
member cannot be read from the store in time (CRISIS-3).
"""

from __future__ import annotations

import zoneinfo
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, datetime

from domain.members import age_on
from schemas.documents.members import Language, MemberDocument, Nation

_RECENT_MAX = 10_000  # a few hundred bytes each: a few MB at most


@dataclass(frozen=True)
class SupportProfile:
    """`nation` None when the member is not known: then the lines serving every nation."""

    nation: Nation | None
    date_of_birth: date | None
    timezone: str
    language: Language

    @classmethod
    def of(cls, member: MemberDocument) -> SupportProfile:
        return cls(member.nation, member.date_of_birth, member.timezone, member.language)

    def age(self, now: datetime) -> int | None:
        return None if self.date_of_birth is None else age_on(self.date_of_birth, local_date(now, self.timezone))


UNKNOWN_MEMBER = SupportProfile(nation=None, date_of_birth=None, timezone="Europe/London", language=Language.EN)


class RecentProfiles:
    """The profiles of the members this process read lately, by Firebase uid (least recent dropped)."""

    def __init__(self, limit: int = _RECENT_MAX) -> None:
        self._limit = limit
        self._profiles: OrderedDict[str, SupportProfile] = OrderedDict()

    def remember(self, firebase_uid: str, member: MemberDocument) -> None:
        self._profiles[firebase_uid] = SupportProfile.of(member)
        self._profiles.move_to_end(firebase_uid)
        if len(self._profiles) > self._limit:
            self._profiles.popitem(last=False)

    def get(self, firebase_uid: str) -> SupportProfile:
        return self._profiles.get(firebase_uid, UNKNOWN_MEMBER)


def local_date(now: datetime, timezone: str) -> date:
    try:
        return now.astimezone(zoneinfo.ZoneInfo(timezone)).date()
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return now.date()
