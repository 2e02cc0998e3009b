"""Beat's sessions tick: reminders 24 and 2 hours before (for those going), and the look at who
stopped coming once a session's register is in. Each reads only due sessions through an index and
claims each by a conditional update on its due time; each push's dedupe key names the session, its
start and the member, so a duplicate tick, a crash or a retry sends nothing twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from domain.sessions.missed import look_for_missed
from domain.sessions.notices import tell
from domain.sessions.scheduling import REMINDERS_BEFORE
from infra.mongo.repositories.registry import Repositories
from infra.queue import TaskQueue
from schemas.documents.notifications import NotificationKind
from schemas.documents.rsvps import Answer
from schemas.documents.sessions import SessionDocument

logger = logging.getLogger(__name__)

BATCH = 200
_KINDS = (NotificationKind.SESSION_REMINDER_DAY, NotificationKind.SESSION_REMINDER_SOON)


@dataclass
class SessionsTick:
    reminded: int = 0  # sessions whose reminder went out
    signalled: int = 0  # members newly found to have stopped coming


def _next_reminder(session: SessionDocument, was: datetime) -> datetime | None:
    later = [at for before in REMINDERS_BEFORE if (at := session.starts_at - before) > was]
    return min(later) if later else None


async def sessions_tick(*, repos: Repositories, queue: TaskQueue, now: datetime) -> SessionsTick:
    """Send the reminders that are due and look at the sessions whose register is in."""
    outcome = SessionsTick()
    for session in await repos.sessions.due_reminders(now, limit=BATCH):
        was = session.reminder_at
        if was is None:
            continue
        # Sent before the claim: a crash between them sends again under the same dedupe keys (nothing).
        await _remind(repos, queue, session, was, now=now)
        if await repos.sessions.claim_reminder(session.id, was=was, next_at=_next_reminder(session, was)):
            outcome.reminded += 1
    for session in await repos.sessions.due_missed_checks(now, limit=BATCH):
        was = session.missed_check_at
        if was is None:
            continue
        signalled = await look_for_missed(repos=repos, session=session, now=now)  # signals each member once
        if await repos.sessions.claim_missed_check(session.id, was=was):
            outcome.signalled += signalled
    if outcome.reminded or outcome.signalled:
        logger.info("sessions tick", extra={"reminded": outcome.reminded, "signalled": outcome.signalled})
    return outcome


async def _remind(
    repos: Repositories, queue: TaskQueue, session: SessionDocument, due: datetime, *, now: datetime
) -> None:
    """The reminder due at `due`: the day-before one or the soon one, whichever is nearer the start.
    A reminder that a late tick finds already past the start is not sent.
    """
    if session.cancelled_at is not None or session.starts_at <= now:
        return
    soon = session.starts_at - due <= REMINDERS_BEFORE[1]
    kind = _KINDS[1] if soon else _KINDS[0]
    going = await repos.rsvps.of_session(session.group_id, session.id, answers=(Answer.GOING,))
    await tell(repos=repos, queue=queue, session=session, member_ids=[r.member_id for r in going], kind=kind,
               key=session.starts_at.isoformat(), now=now)  # fmt: skip
