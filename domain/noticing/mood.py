"""Mood decline: after each check-in, a private, kind message when the member's moods slide.

Sliding means the last 3 check-ins were all 2 or lower, or the average of the
last 7 days is 1.5 or more below the average of the 28 days before. The member
gets a message (lock-screen safe, never naming a mood) pointing to their
helplines and to `supportRequest`, by which they can tell their group's leads
they would welcome a message: the only way mood-related news reaches a lead.
At most once per ISO week in the member's time zone (the week is the
notification's unique key), never during a break. Computed in Python over at
most 35 days of the member's own check-ins (FerretDB has no `$avg`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from statistics import fmean

from domain.members import is_on_break, member_zone
from domain.notifications import Notice, notify_later
from infra.mongo.repositories.registry import Repositories
from schemas.documents.members import MemberDocument
from schemas.documents.notifications import NotificationKind

LOW_MOOD = 2
LOW_RUN = 3
RECENT = timedelta(days=7)
EARLIER = timedelta(days=28)
DROP = 1.5
HISTORY_MAX = 1_000  # check-ins read; far above anyone's 35 days


def is_sliding(moods: Sequence[tuple[datetime, int]], now: datetime) -> bool:
    """`moods`: (recorded_at, mood), newest first."""
    last = [mood for _, mood in moods[:LOW_RUN]]
    if len(last) == LOW_RUN and all(mood <= LOW_MOOD for mood in last):
        return True
    recent = [mood for at, mood in moods if at > now - RECENT]
    earlier = [mood for at, mood in moods if now - RECENT - EARLIER < at <= now - RECENT]
    return bool(recent and earlier) and fmean(earlier) - fmean(recent) >= DROP


def week_key(member: MemberDocument, now: datetime) -> str:
    year, week, _ = now.astimezone(member_zone(member)).isocalendar()
    return f"mood_support:{member.id}:{year}-W{week:02d}"


async def notice_mood(*, repos: Repositories, member: MemberDocument, now: datetime) -> bool:
    """After a check-in: the member's message, if their moods slide (once a week); whether one was written."""
    if is_on_break(member.preferences, now):
        return False
    moods = await repos.checkins.recent_moods(member.id, since=now - RECENT - EARLIER, limit=HISTORY_MAX)
    if not is_sliding(moods, now):
        return False
    notice = Notice(member_id=member.id, kind=NotificationKind.MOOD_SUPPORT, dedupe_key=week_key(member, now),
                    not_before=now)  # fmt: skip
    # Stored for beat's sweeper (no broker needed here): the check-in never waits on Redis.
    return await notify_later(repos=repos, notices=[notice], now=now) == 1
