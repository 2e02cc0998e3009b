"""Following up after signposting (CRISIS-8): 48 hours after the service showed a member
high-risk support, it asks them privately how they are and whether they managed to
reach someone. Once per event.

Decisions, and why:
- Only when the member can be asked without anyone learning they wrote it: a
  check-in or a named post. After an anonymous post the staff alert holds no
  member id (ANON-12), and a follow-up record would link the member to the
  time of that post, an oracle the anonymity rules forbid; they were shown
  help at once, and staff have the alert.
- Urgent class, as a safety message: a break (`onBreakUntil`) and the daily cap
  do not hold it, as the member is told a break works. It is kind, not an
  emergency, so it is not sent during the member's quiet hours: it waits for
  them to end (the tick checks, then sends it urgent so the pipeline does not
  hold it again). It never expires.
- One question a day: a second high-risk moment within 24 hours of a question
  does not bring a second question.
- The words are never copied: the record points at the screened source.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from domain.members import member_zone
from domain.notifications import notify, quiet_hours_end
from infra.mongo.repositories.registry import Repositories
from infra.queue import TaskQueue
from schemas.documents.base import new_id
from schemas.documents.follow_ups import FollowUpDocument
from schemas.documents.members import MemberDocument
from schemas.documents.notifications import NotificationKind
from schemas.pagination import Keyset

logger = logging.getLogger(__name__)

FOLLOW_UP_AFTER = timedelta(hours=48)
ONE_QUESTION_PER = timedelta(hours=24)
BATCH_SIZE = 200
MAX_BATCHES = 20


@dataclass
class FollowUpsOutcome:
    asked: int = 0
    postponed: int = 0  # quiet hours
    skipped: int = 0
    asked_members: set[str] = field(default_factory=set)


async def schedule_follow_up(*, repos: Repositories, member_id: str, source_key: str, now: datetime) -> None:
    """Ask in 48 hours how the member is (once per source; a repeat does nothing)."""
    follow_up = FollowUpDocument(
        id=new_id(), source_key=source_key, member_id=member_id, due_at=now + FOLLOW_UP_AFTER, created_at=now
    )
    await repos.follow_ups.insert_if_new(follow_up)


async def ask_due_follow_ups(*, repos: Repositories, queue: TaskQueue, now: datetime) -> FollowUpsOutcome:
    """Ask every follow-up that is due (up to a bound per tick), outside each member's quiet hours."""
    outcome = FollowUpsOutcome()
    after: Keyset | None = None
    for _ in range(MAX_BATCHES):
        due = await repos.follow_ups.due(now, limit=BATCH_SIZE, after=after)
        if due:
            await _ask_batch(repos, queue, due, now=now, outcome=outcome)
        if len(due) < BATCH_SIZE:
            break
        after = Keyset(value=due[-1].due_at or now, id=due[-1].id)
    if outcome.asked or outcome.skipped:
        logger.info("follow-ups", extra={"asked": outcome.asked, "skipped": outcome.skipped})
    return outcome


async def _ask_batch(
    repos: Repositories, queue: TaskQueue, due: list[FollowUpDocument], *, now: datetime, outcome: FollowUpsOutcome
) -> None:
    member_ids = list({f.member_id for f in due})
    members = {m.id: m for m in await repos.members.get_many(member_ids)}
    outcome.asked_members |= await repos.follow_ups.asked_since(member_ids, now - ONE_QUESTION_PER)
    for follow_up in due:
        await _ask(repos, queue, follow_up, members.get(follow_up.member_id), now=now, outcome=outcome)


async def _ask(
    repos: Repositories,
    queue: TaskQueue,
    follow_up: FollowUpDocument,
    member: MemberDocument | None,
    *,
    now: datetime,
    outcome: FollowUpsOutcome,
) -> None:
    if member is None or follow_up.member_id in outcome.asked_members:
        await repos.follow_ups.mark_skipped(follow_up)
        outcome.skipped += 1
        return
    quiet_end = quiet_hours_end(member.preferences, now, member_zone(member))
    if quiet_end is not None:
        await repos.follow_ups.postpone(follow_up, until=quiet_end)
        outcome.postponed += 1
        return
    await notify(
        repos=repos, queue=queue, member_id=member.id, kind=NotificationKind.SIGNPOST_FOLLOW_UP,
        dedupe_key=f"follow_up:{follow_up.id}", now=now, params={"followUpId": follow_up.id}, urgent=True,
    )  # fmt: skip
    await repos.follow_ups.mark_asked(follow_up, now=now)
    outcome.asked += 1
    outcome.asked_members.add(member.id)
