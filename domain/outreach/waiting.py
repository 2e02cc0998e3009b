"""The follow-through: beat's tick over group threads whose member waits for a reply.

After 48 hours unanswered, the group's other leads and co-leads are nudged (no single lead is
expected to answer: the load is shared); after 72 hours, staff get an alert ("a member is
waiting for a reply") and may read the thread. It reads only threads whose `nudge_at` or
`escalate_at` is due, through their indexes. Idempotent under duplicate ticks and crashes:
each nudge is a notification whose dedupe key names the wait, each alert has a unique open key
per thread, and both are written before the thread records the step, with a condition on
the same wait, so a reply meanwhile is never overwritten. A reply, or the thread closing,
resolves the alert; this tick also resolves any left open by a path that could not.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from domain.outreach.notices import nudge_other_leaders
from infra.mongo.repositories.registry import Repositories
from infra.queue import TaskQueue
from schemas.documents.base import new_id
from schemas.documents.staff_alerts import StaffAlertDocument, StaffAlertKind, StaffAlertStatus, open_key
from schemas.documents.threads import ThreadDocument, ThreadStatus

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
MAX_BATCHES = 10  # per tick and step; what is left waits for the next tick
OPEN_ALERTS_READ = 500


@dataclass
class FollowThroughOutcome:
    nudged: int = 0  # threads whose other leaders were nudged
    escalated: int = 0  # threads staff were told about
    resolved: int = 0  # waiting alerts closed because the wait was over


async def follow_through(*, repos: Repositories, queue: TaskQueue, now: datetime) -> FollowThroughOutcome:
    """Nudge, then escalate, every thread that is due (up to a bound per tick)."""
    outcome = FollowThroughOutcome()
    for _ in range(MAX_BATCHES):
        due = await repos.threads.due_nudges(now, limit=BATCH_SIZE)
        for thread in due:
            await nudge_other_leaders(repos=repos, queue=queue, thread=thread, now=now)
            await repos.threads.nudged(thread.id, waiting_since=_since(thread))
            outcome.nudged += 1
        if len(due) < BATCH_SIZE:
            break
    for _ in range(MAX_BATCHES):
        due = await repos.threads.due_escalations(now, limit=BATCH_SIZE)
        for thread in due:
            await repos.staff_alerts.raise_if_new(_alert(thread, now))
            await repos.threads.escalated(thread.id, waiting_since=_since(thread))
            outcome.escalated += 1
        if len(due) < BATCH_SIZE:
            break
    outcome.resolved = await _resolve_finished_waits(repos, now=now)
    if outcome.nudged or outcome.escalated or outcome.resolved:
        logger.info("thread follow-through", extra=outcome.__dict__)
    return outcome


def _since(thread: ThreadDocument) -> datetime:
    # Due steps exist only while waiting (a reply clears them with the wait); the creation time
    # stands in for a document written otherwise, so the conditional step matches nothing.
    return thread.waiting_since or thread.created_at


def _alert(thread: ThreadDocument, now: datetime) -> StaffAlertDocument:
    return StaffAlertDocument(
        id=new_id(), kind=StaffAlertKind.MEMBER_WAITING, group_id=thread.group_id or "", thread_id=thread.id,
        open_key=open_key(StaffAlertKind.MEMBER_WAITING, thread.id), created_at=now,
    )  # fmt: skip


async def _resolve_finished_waits(repos: Repositories, *, now: datetime) -> int:
    """Open waiting alerts whose thread was answered, closed or deleted since."""
    page = await repos.staff_alerts.page(StaffAlertStatus.OPEN, first=OPEN_ALERTS_READ, after=None)
    waiting = [a for a in page.items if a.kind is StaffAlertKind.MEMBER_WAITING and a.thread_id]
    threads = {t.id: t for t in await repos.threads.get_many([a.thread_id for a in waiting if a.thread_id])}
    resolved = 0
    for alert in waiting:
        thread = threads.get(alert.thread_id or "")
        if thread is None or thread.status is ThreadStatus.CLOSED or thread.waiting_since is None:
            resolved += await repos.staff_alerts.resolve(alert, now=now)
    return resolved
