"""Going, not going, maybe: a member's answer, the places it takes, and the waiting list.

The session's `free_places` is the invariant's only guard: a place is taken by one
conditional update while one is free, and given back when someone stops going. An
answer of GOING that finds no place joins the waiting list (WAITING, numbered in
order); every place that frees is offered to the first in line (`fill_places`),
who is told. A member's own concurrent answers cannot both hold a place: each change
is a conditional upsert of their one answer (infra/mongo/repositories/rsvps.py), and
a change that finds its answer already changed gives its place back.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from domain.groups import GroupAction, Viewer, is_active
from domain.sessions.access import session_in_group
from domain.sessions.errors import SessionError, SessionErrorCode
from domain.sessions.notices import tell
from infra.mongo.repositories.registry import Repositories
from infra.queue import TaskQueue
from schemas.documents.notifications import NotificationKind
from schemas.documents.rsvps import Answer, RsvpDocument
from schemas.documents.sessions import SessionDocument

_EVERY: tuple[Answer | None, ...] = (None, *Answer)
PLACE_HOLDERS = (Answer.GOING, Answer.WAITING)


async def answer_session(
    *, repos: Repositories, queue: TaskQueue, viewer: Viewer, session_id: str, answer: Answer, now: datetime
) -> RsvpDocument:
    """Answer a session of one's group; GOING takes a place or joins the waiting list."""
    session, _group, membership = await session_in_group(repos, viewer, session_id, GroupAction.VIEW_MEMBERS)
    if not is_active(membership):
        raise SessionError(SessionErrorCode.NOT_A_MEMBER, "Only the group's members answer its sessions.")
    if session.cancelled_at is not None:
        raise SessionError(SessionErrorCode.SESSION_CANCELLED, "This session was cancelled.")
    if session.starts_at <= now:
        raise SessionError(SessionErrorCode.SESSION_STARTED, "This session has already started.")
    if answer is Answer.WAITING:
        raise ValueError("WAITING is not an answer a member gives")
    current = await repos.rsvps.get(session.group_id, session.id, viewer.id)
    if answer is Answer.GOING:
        return await _go(repos, queue, session, viewer.id, current, now=now)
    return await _stay_away(repos, queue, session, viewer.id, answer, now=now)


async def _go(
    repos: Repositories,
    queue: TaskQueue,
    session: SessionDocument,
    member_id: str,
    current: RsvpDocument | None,
    *,
    now: datetime,
) -> RsvpDocument:
    if current is not None and current.answer in PLACE_HOLDERS:
        return current  # already going or in line: answering again changes nothing
    others: tuple[Answer | None, ...] = (None, Answer.NOT_GOING, Answer.MAYBE)
    # Someone already in line goes first: a newcomer joins the line rather than take a place just freed.
    if not await repos.rsvps.anyone_waiting(session.group_id, session.id) and await repos.sessions.take_place(
        session.id
    ):
        changed = await repos.rsvps.change(
            session.group_id, session.id, member_id, replaces=others, answer=Answer.GOING, wait_position=None, now=now
        )
        if changed is None:  # a concurrent answer of theirs got there first: the place goes back
            await repos.sessions.release_place(session.id)
            return await _current(repos, session, member_id)
        return changed
    fresh = await repos.sessions.get(session.id)
    if fresh is None or fresh.cancelled_at is not None:
        raise SessionError(SessionErrorCode.SESSION_CANCELLED, "This session was cancelled.")
    position = await repos.sessions.next_wait_position(session.id)
    await repos.rsvps.change(
        session.group_id, session.id, member_id, replaces=others, answer=Answer.WAITING, wait_position=position,
        now=now,
    )  # fmt: skip
    # A place may have freed between the full session and joining the line: offer it now.
    await fill_places(repos=repos, queue=queue, session=session, now=now, tell_member=member_id)
    return await _current(repos, session, member_id)


async def _stay_away(
    repos: Repositories, queue: TaskQueue, session: SessionDocument, member_id: str, answer: Answer, *, now: datetime
) -> RsvpDocument:
    for held in (Answer.GOING, Answer.WAITING, Answer.NOT_GOING, Answer.MAYBE, None):
        changed = await repos.rsvps.change(
            session.group_id, session.id, member_id, replaces=(held,), answer=answer, wait_position=None, now=now
        )
        if changed is not None:
            if held is Answer.GOING:
                await repos.sessions.release_place(session.id)
                await fill_places(repos=repos, queue=queue, session=session, now=now)
            return changed
    return await _current(repos, session, member_id)


async def _current(repos: Repositories, session: SessionDocument, member_id: str) -> RsvpDocument:
    found = await repos.rsvps.get(session.group_id, session.id, member_id)
    if found is None:
        raise RuntimeError("an answer just written is missing")
    return found


async def fill_places(
    *, repos: Repositories, queue: TaskQueue, session: SessionDocument, now: datetime, tell_member: str | None = None
) -> list[RsvpDocument]:
    """Offer free places to the waiting list, first in line first, and tell each who got one.

    `tell_member` is someone who joined the line within this same answer: promoted at once,
    they learn it from the answer itself, so they get no push.
    """
    promoted: list[RsvpDocument] = []
    while await repos.sessions.take_place(session.id):
        first = await repos.rsvps.promote_first_waiting(session.group_id, session.id, now=now)
        if first is None:
            await repos.sessions.release_place(session.id)
            break
        promoted.append(first)
    told = [rsvp for rsvp in promoted if rsvp.member_id != tell_member]
    for rsvp in told:
        await tell(repos=repos, queue=queue, session=session, member_ids=[rsvp.member_id],
                   kind=NotificationKind.SESSION_PLACE_OFFERED, key=f"{rsvp.id}:{rsvp.answered_at.isoformat()}",
                   now=now)  # fmt: skip
    return promoted


async def people_to_tell(repos: Repositories, session: SessionDocument) -> list[str]:
    """Those going or waiting: who hears that a session moved or was cancelled."""
    held = await repos.rsvps.of_session(session.group_id, session.id, answers=PLACE_HOLDERS)
    return [rsvp.member_id for rsvp in held]


async def withdraw_member(
    *, repos: Repositories, queue: TaskQueue, group_id: str, member_id: str, now: datetime, horizon: int = 200
) -> int:
    """A member who left or was removed answers no to the group's coming sessions; their places
    go to the waiting lists. How many answers changed.
    """
    coming = await repos.sessions.of_group(group_id, starting_after=now, limit=horizon, include_cancelled=False)
    by_id = {session.id: session for session in coming}
    held = await repos.rsvps.holding_places(group_id, member_id, list(by_id))
    for rsvp in held:
        await _stay_away(repos, queue, by_id[rsvp.session_id], member_id, Answer.NOT_GOING, now=now)
    return len(held)


def count_of(rsvps: Sequence[RsvpDocument], answer: Answer) -> int:
    return sum(1 for rsvp in rsvps if rsvp.answer is answer)


async def forget_member(*, repos: Repositories, member_id: str, now: datetime) -> None:
    """A deleted member's answers, attendance and calendar address go; their places at coming sessions
    are given back (the waiting list moves up at the session's next change of answer).
    """
    for rsvp in await repos.rsvps.for_member(member_id):
        if rsvp.answer is Answer.GOING:
            session = await repos.sessions.get(rsvp.session_id)
            deleted = await repos.rsvps.delete_one(rsvp.id, answer=Answer.GOING)
            if deleted and session is not None and session.ends_at > now:
                await repos.sessions.release_place(session.id)
    await repos.rsvps.delete_for_member(member_id)
    await repos.attendance.delete_for_member(member_id)
    await repos.calendar_feeds.delete(member_id)
