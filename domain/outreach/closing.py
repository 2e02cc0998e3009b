"""Ending threads: either side closes one; the member may also block a group's leads from
starting new ones (they can still start one themselves); a deleted account's threads end.
"""

from __future__ import annotations

from datetime import datetime

from domain.errors import HiddenError, NotPermittedError
from domain.outreach import events
from domain.outreach.messaging import ThreadServices
from domain.outreach.policies import CLOSED_BY, Participant
from domain.outreach.reading import ThreadView, get_thread
from infra.mongo.repositories.registry import Repositories
from infra.pubsub import Broadcaster
from schemas.documents.memberships import MembershipDocument
from schemas.documents.staff_alerts import StaffAlertKind
from schemas.documents.threads import ThreadDocument, ThreadEnding, ThreadKind, ThreadSide
from schemas.events import ThreadEventKind

OPEN_THREADS_MAX = 500  # one member's open threads: one per group and one with staff


async def close_thread(
    *, services: ThreadServices, participant: Participant, thread_id: str, block_leads: bool, now: datetime
) -> ThreadView:
    """Close a thread from the viewer's side (again: no change); the member may block the group's leads too."""
    view = await get_thread(repos=services.repos, participant=participant, thread_id=thread_id)
    thread, side = view.thread, view.side
    if side is ThreadSide.STAFF and thread.kind is ThreadKind.GROUP:
        raise NotPermittedError("Safeguarding staff read this conversation; its member or leads close it.")
    if block_leads and (side is not ThreadSide.MEMBER or thread.group_id is None):
        raise NotPermittedError("Only the member can block a group's leads, from a conversation with them.")
    closed = await end(services.repos, services.broadcaster, thread, by=side, ending=CLOSED_BY[side], now=now)
    if block_leads and thread.group_id is not None:
        await services.repos.memberships.set_leads_blocked(thread.group_id, participant.id, blocked=True)
    return ThreadView(closed or await services.repos.threads.get(thread.id) or thread, side, view.membership)


async def end(
    repos: Repositories, broadcaster: Broadcaster | None, thread: ThreadDocument, *, by: ThreadSide | None,
    ending: ThreadEnding, now: datetime,
) -> ThreadDocument | None:  # fmt: skip
    """Close an open thread (None if it was closed already); a member's wait in it is over."""
    closed = await repos.threads.close(thread, by=by, ending=ending, at=now)
    if closed is not None:
        await repos.staff_alerts.resolve_open(StaffAlertKind.MEMBER_WAITING, thread.id, now=now)
        if broadcaster is not None:
            await events.publish(broadcaster, ThreadEventKind.CLOSED, thread.id)
    return closed


async def end_member_threads(*, repos: Repositories, member_id: str, now: datetime) -> int:
    """A deleted account's threads end ("This conversation has ended"); how many were open."""
    ended = 0
    for thread in await repos.threads.open_for_member(member_id, limit=OPEN_THREADS_MAX):
        ended += await end(repos, None, thread, by=None, ending=ThreadEnding.ACCOUNT_DELETED, now=now) is not None
    return ended


async def set_leads_blocked(
    *, repos: Repositories, participant: Participant, group_id: str, blocked: bool
) -> MembershipDocument:
    """The member blocks (or unblocks) their group's leads from starting threads with them."""
    membership = await repos.memberships.set_leads_blocked(group_id, participant.id, blocked=blocked)
    if membership is None:
        raise HiddenError(group_id)
    return membership
