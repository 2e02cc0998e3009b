"""Who hears about what happens in a thread: pushes that say only "You have a new message"
(catalogue), carrying the thread's id, never its words, its group or who wrote.

A member's message goes first to the leads and co-leads who have written in the thread (they
are looking after it), else to the group's leads (its co-leads while every lead is away). A
message from the other side goes to the member; from staff it is urgent (quiet hours and the
daily cap do not hold it). One push per side between looks: the dedupe key carries when that
side last looked, so a run of messages is one push until someone opens the thread.
"""

from __future__ import annotations

from datetime import datetime

from domain.groups import lead_facing_recipients
from domain.notifications import notify
from domain.outreach.policies import present_leaders
from infra.mongo.repositories.registry import Repositories
from infra.queue import TaskQueue
from schemas.documents.memberships import MembershipDocument
from schemas.documents.notifications import NotificationKind
from schemas.documents.threads import ThreadDocument, ThreadKind, ThreadSide


def first_told(thread: ThreadDocument, leaders: list[MembershipDocument], now: datetime) -> list[str]:
    """Who hears of the member's message at once: leaders who wrote in the thread, else the leads."""
    present = set(present_leaders(leaders, now))
    writers = [writer for writer in thread.team_writers if writer in present]
    told = writers or lead_facing_recipients(leaders, now)
    return [member_id for member_id in told if member_id != thread.member_id]


def nudged(thread: ThreadDocument, leaders: list[MembershipDocument], now: datetime) -> list[str]:
    """After 48 hours: the group's other leads and co-leads (everyone there, when nobody else is)."""
    present = [member_id for member_id in present_leaders(leaders, now) if member_id != thread.member_id]
    told = set(first_told(thread, leaders, now))
    return [member_id for member_id in present if member_id not in told] or present


async def tell_other_side(
    *, repos: Repositories, queue: TaskQueue, thread: ThreadDocument, sender: ThreadSide, now: datetime
) -> int:
    """Push "You have a new message" to the other side; how many were newly told."""
    if sender is ThreadSide.MEMBER:
        if thread.kind is ThreadKind.STAFF:
            return 0  # staff work from their queue (safeguardingThreads), not from pushes
        recipients, seen = first_told(thread, await _leaders(repos, thread), now), thread.team_seen_at
    else:
        recipients, seen = [thread.member_id], thread.member_seen_at
    since = seen.isoformat() if seen else "never"
    told = 0
    for member_id in recipients:
        sent = await notify(
            repos=repos, queue=queue, member_id=member_id, kind=NotificationKind.THREAD_MESSAGE,
            dedupe_key=f"thread_message:{thread.id}:{member_id}:{since}", now=now, params={"threadId": thread.id},
            urgent=sender is ThreadSide.STAFF,
        )  # fmt: skip
        told += sent is not None
    return told


async def nudge_other_leaders(*, repos: Repositories, queue: TaskQueue, thread: ThreadDocument, now: datetime) -> int:
    """The member has waited 48 hours: the group's other leaders hear; once per wait."""
    waiting = thread.waiting_since.isoformat() if thread.waiting_since else "never"
    told = 0
    for member_id in nudged(thread, await _leaders(repos, thread), now):
        sent = await notify(
            repos=repos, queue=queue, member_id=member_id, kind=NotificationKind.THREAD_WAITING,
            dedupe_key=f"thread_waiting:{thread.id}:{waiting}:{member_id}", now=now,
            params={"groupId": thread.group_id or "", "threadId": thread.id},
        )  # fmt: skip
        told += sent is not None
    return told


async def _leaders(repos: Repositories, thread: ThreadDocument) -> list[MembershipDocument]:
    return await repos.memberships.leaders_of(thread.group_id) if thread.group_id else []
