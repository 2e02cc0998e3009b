"""Who hears about a share, and when; lock-screen safe, ids only, never the words (DESIGN §6).

- The group: every member but the author, each at a random moment 1 to 10
  minutes later (ANON-4, ANON-9), so phones in one room do not light up
  together, and the one that stays dark says nothing.
- The author, when someone responds or reacts: at most once an hour per share,
  and never inside the group's fan-out window, so their push cannot be matched
  to everyone else's. The author is found as the share's own authorship
  check would find them (the HMAC of each member of the group); the
  notification holds the group's id only, and its dedupe key is keyed, so the
  outbox holds no readable link from the member to the share.
- The leads, when the crisis screen finds high risk: that someone may be
  struggling and staff are aware; never who, never what (CRISIS-5). The
  author is left out if they lead, and nobody is told in their place, so
  who was told says nothing about who wrote it.

Every notification's time is the minute, like the content's.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from domain.groups import lead_notification_recipients
from domain.notifications import Notice, notify_later
from domain.shares.anonymity import AnonymityKey, same_key, to_minute
from infra.mongo.repositories.registry import Repositories
from schemas.documents.notifications import NotificationKind
from schemas.documents.shares import ShareDocument

FAN_OUT_MIN_SECONDS = 60
FAN_OUT_MAX_SECONDS = 600


def jitter(now: datetime) -> datetime:
    """A random moment 1 to 10 minutes after `now` (a CSPRNG: the spread protects anonymity)."""
    spread = FAN_OUT_MAX_SECONDS - FAN_OUT_MIN_SECONDS
    return now + timedelta(seconds=FAN_OUT_MIN_SECONDS + secrets.randbelow(spread * 1000) / 1000)


async def tell_group(
    *, repos: Repositories, key: AnonymityKey, share: ShareDocument, author_key: str, now: datetime
) -> int:
    """A push to every member but the author that someone shared (once per share and member)."""
    members = await repos.memberships.active_in_groups([share.group_id])
    notices = [
        Notice(
            member_id=m.member_id,
            kind=NotificationKind.GROUP_SHARE,
            dedupe_key=f"group_share:{share.id}:{m.member_id}",
            not_before=jitter(now),
            params={"groupId": share.group_id, "shareId": share.id},
        )
        for m in members
        if not same_key(key.author_key(m.member_id), author_key)
    ]
    return await notify_later(repos=repos, notices=notices, now=to_minute(now))


async def tell_author(
    *, repos: Repositories, key: AnonymityKey, share: ShareDocument, author_key: str, actor_id: str, now: datetime
) -> int:
    """A push to the share's author that someone responded or reacted: not for their own
    actions, at most once an hour per share, and never during the group's fan-out.
    """
    if same_key(key.author_key(actor_id), author_key):
        return 0
    members = await repos.memberships.active_in_groups([share.group_id])
    author = next((m.member_id for m in members if same_key(key.author_key(m.member_id), author_key)), None)
    if author is None:  # they have left the group
        return 0
    hour = now.replace(minute=0, second=0, microsecond=0).isoformat()
    earliest = max(now, share.created_at + timedelta(seconds=FAN_OUT_MAX_SECONDS))
    notice = Notice(
        member_id=author,
        kind=NotificationKind.SHARE_SUPPORT,
        dedupe_key=f"share_support:{key.notice_key(share.id, hour)}",
        not_before=jitter(earliest),
        params={"groupId": share.group_id},
    )
    return await notify_later(repos=repos, notices=[notice], now=to_minute(now))


async def tell_leads(
    *, repos: Repositories, key: AnonymityKey, group_id: str, content_id: str, author_key: str, now: datetime
) -> int:
    """Guidance for the group's leads (or co-leads, while every lead is away) that someone may be struggling."""
    recipients = await lead_notification_recipients(repos=repos, group_id=group_id, now=now)
    notices = [
        Notice(
            member_id=member_id,
            kind=NotificationKind.GROUP_SUPPORT_NEEDED,
            not_before=jitter(now),
            dedupe_key=f"group_support_needed:{key.notice_key(content_id, member_id)}",
            params={"groupId": group_id},
        )
        for member_id in recipients
        if not same_key(key.author_key(member_id), author_key)
    ]
    return await notify_later(repos=repos, notices=notices, now=to_minute(now))
