"""The last 90 days of a group's life, for the groups chosen to have history.

- Check-ins: each member checks in 2, 3 or 4 times a week (a third each; about 36 in 90 days),
  in the evening; 4 in 10 shared with their group; a note on 3 in 10; up to 2 tags.
- Shares: about one per member per 90 days (half to one and a half times the group's size),
  7 in 10 anonymous; 0 to 4 responses each (named 1 in 3) and 0 to 6 reactions by distinct
  members. Authorship (HMAC keys) and bylines are written as the domain writes them.
- Notifications: a reminder for each of the group's scheduled check-ins (1 or 2 a week), pushed;
  all read but the last 0 to 3.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from random import Random

from benchmarks.writer import Generated, GroupPlan, Writer, seeded_id, utc
from domain.shares.anonymity import AnonymityKey, to_minute
from schemas.documents.authorship import AuthorshipDocument
from schemas.documents.bylines import BylineDocument
from schemas.documents.checkins import CheckInDocument, CheckInTag, CheckInVisibility
from schemas.documents.members import MemberDocument
from schemas.documents.notifications import NotificationDocument, NotificationKind, PushState, PushStatus
from schemas.documents.reactions import ReactionDocument
from schemas.documents.responses import ResponseDocument
from schemas.documents.safeguarding_alerts import RiskLevel
from schemas.documents.shares import ContentStatus, ReactionKind, ShareDocument, no_reactions

DAYS = 90
MOODS = (1, 2, 3, 4, 5)
MOOD_WEIGHTS = (8, 17, 35, 28, 12)
NOTE = "Long day, but I got out for a walk and that helped a bit."
SHARE_BODY = "Today has been hard. I could not face going out and I feel a long way from everyone."
RESPONSE_BODY = "Thinking of you. Some days are like that; you are not on your own here."


@dataclass(frozen=True)
class History:
    key: AnonymityKey
    now: datetime
    reminder_days: int = DAYS


async def write_history(
    writer: Writer,
    rng: Random,
    plans: list[GroupPlan],
    members: dict[str, MemberDocument],
    *,
    history: History,
    generated: Generated,
) -> None:
    """Check-ins, shares (with responses and reactions) and notifications for groups with history."""
    key, now = history.key, history.now
    done: set[str] = set()
    for plan in (plan for plan in plans if plan.history):
        for member_id in plan.member_ids:
            if member_id not in done:  # someone in two groups checks in once, not once per group
                done.add(member_id)
                await _check_ins(writer, rng, member_id, plan.group.id, now)
        await _shares(writer, rng, plan, key=key, now=now, generated=generated)
        await _reminders(writer, rng, plan, members, history)


async def _check_ins(writer: Writer, rng: Random, member_id: str, group_id: str, now: datetime) -> None:
    per_week = rng.choice((2, 3, 4))
    for _ in range(round(per_week * DAYS / 7)):
        day = now - timedelta(days=rng.randint(0, DAYS - 1))
        at = utc(day.replace(hour=rng.randint(17, 22), minute=rng.randint(0, 59)))
        at = min(at, utc(now))
        shared = rng.random() < 0.4
        check_in = CheckInDocument(
            id=seeded_id(rng), member_id=member_id, group_id=group_id if shared else None,
            mood=rng.choices(MOODS, weights=MOOD_WEIGHTS)[0], energy=rng.choice((None, 1, 2, 3, 4, 5)),
            note=NOTE if rng.random() < 0.3 else None, tags=tuple(rng.sample(list(CheckInTag), rng.randint(0, 2))),
            visibility=CheckInVisibility.GROUP if shared else CheckInVisibility.PRIVATE, recorded_at=at,
            local_day=at.date(), created_at=at, risk_level=RiskLevel.NONE, note_held=False, answers=(),
            idempotency_key=seeded_id(rng), request_hash=f"{rng.getrandbits(128):032x}",
        )  # fmt: skip
        await writer.add("checkins", check_in.to_mongo())


async def _shares(
    writer: Writer, rng: Random, plan: GroupPlan, *, key: AnonymityKey, now: datetime, generated: Generated
) -> None:
    size = len(plan.member_ids)
    for _ in range(rng.randint(size // 2, size * 3 // 2)):
        at = utc(now - timedelta(minutes=rng.randint(60, DAYS * 1440)))
        share_id = seeded_id(rng)
        responses = await _responses(writer, rng, plan, share_id, share_at=at, key=key)
        counts = await _reactions(writer, rng, plan, share_id, key)
        share = share_document(share_id, plan.group.id, at=at, anonymous=rng.random() < 0.7).model_copy(
            update={"reaction_counts": counts, "response_count": responses}
        )
        await writer.add("shares", share.to_mongo())
        await _authorship(writer, rng.choice(plan.member_ids), share_id, share.anonymous, key)
        if not generated.feed_group_id:
            generated.feed_group_id = plan.group.id
        if not generated.busy_share_id and responses >= 4 and plan.group.id == generated.feed_group_id:
            generated.busy_share_id = share_id


async def _responses(
    writer: Writer, rng: Random, plan: GroupPlan, share_id: str, *, share_at: datetime, key: AnonymityKey
) -> int:
    count = rng.randint(0, 4)
    for _ in range(count):
        at = utc(min(share_at + timedelta(minutes=rng.randint(1, 2880)), share_at + timedelta(days=2)))
        response = response_document(seeded_id(rng), share_id, plan.group.id, at=at, anonymous=rng.random() >= 1 / 3)
        await writer.add("responses", response.to_mongo())
        await _authorship(writer, rng.choice(plan.member_ids), response.id, response.anonymous, key)
    return count


def share_document(share_id: str, group_id: str, *, at: datetime, anonymous: bool) -> ShareDocument:
    """A published down day with no responses or reactions yet."""
    return ShareDocument(
        id=share_id, group_id=group_id, body=SHARE_BODY, anonymous=anonymous, status=ContentStatus.PUBLISHED,
        sensitive=False, created_at=at, created_minute=to_minute(at),
    )  # fmt: skip


def response_document(
    response_id: str, share_id: str, group_id: str, *, at: datetime, anonymous: bool
) -> ResponseDocument:
    """A published reply."""
    return ResponseDocument(
        id=response_id, share_id=share_id, group_id=group_id, body=RESPONSE_BODY, anonymous=anonymous,
        status=ContentStatus.PUBLISHED, sensitive=False, created_at=at, created_minute=to_minute(at),
    )  # fmt: skip


def authorship_documents(
    member_id: str, content_id: str, *, anonymous: bool, key: AnonymityKey
) -> list[tuple[str, dict[str, object]]]:
    """The authorship entry, and a byline for named content, as (collection, document)."""
    written: list[tuple[str, dict[str, object]]] = [
        ("authorship", AuthorshipDocument(id=content_id, author_key=key.author_key(member_id)).to_mongo())
    ]
    if not anonymous:
        written.append(("bylines", BylineDocument(id=content_id, member_id=member_id).to_mongo()))
    return written


async def _reactions(
    writer: Writer, rng: Random, plan: GroupPlan, share_id: str, key: AnonymityKey
) -> dict[ReactionKind, int]:
    counts = no_reactions()
    for member_id in rng.sample(plan.member_ids, min(rng.randint(0, 6), len(plan.member_ids))):
        kind = rng.choice(list(ReactionKind))
        counts[kind] += 1
        reaction = ReactionDocument(
            id=seeded_id(rng), target_id=share_id, reactor_key=key.reactor_key(member_id), kind=kind
        )
        await writer.add("reactions", reaction.to_mongo())
    return counts


async def _authorship(writer: Writer, member_id: str, content_id: str, anonymous: bool, key: AnonymityKey) -> None:
    for collection, document in authorship_documents(member_id, content_id, anonymous=anonymous, key=key):
        await writer.add(collection, document)


async def _reminders(
    writer: Writer, rng: Random, plan: GroupPlan, members: dict[str, MemberDocument], history: History
) -> None:
    """One reminder per scheduled check-in of the last `reminder_days`, to each member who wants them."""
    now = history.now
    per_week = len(plan.group.schedule.weekdays) if plan.group.schedule else 0
    occurrences = [
        utc(now - timedelta(days=7 * week + 3.5 * slot))
        for week in range(history.reminder_days // 7)
        for slot in range(per_week)
    ]
    for member_id in plan.member_ids:
        if not members[member_id].preferences.reminders:
            continue
        unread = rng.randint(0, 3)
        for position, at in enumerate(sorted(occurrences, reverse=True)):
            await writer.add("notifications", _reminder(rng, member_id, plan.group.id, at, read=position >= unread))


def _reminder(rng: Random, member_id: str, group_id: str, at: datetime, *, read: bool) -> dict[str, object]:
    push = PushState(status=PushStatus.SENT, attempts=1, sent_at=at, updated_at=at)
    return NotificationDocument(
        id=seeded_id(rng), member_id=member_id, kind=NotificationKind.CHECK_IN_REMINDER,
        params={"groupId": group_id}, dedupe_key=f"check_in_reminder:{group_id}:{at:%Y-%m-%dT%H:%MZ}:{member_id}",
        created_at=at, read_at=at + timedelta(hours=1) if read else None, push=push,
    ).to_mongo()  # fmt: skip
