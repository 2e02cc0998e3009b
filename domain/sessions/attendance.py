"""Who came: a lead takes the register (those going, plus walk-ins), or members check themselves
in during the session with the code shown in the room.
"""

from __future__ import annotations

import hmac
from collections.abc import Sequence
from datetime import datetime

from domain.groups import GroupAction, Viewer, is_active, note_leader_activity
from domain.noticing import note_attended
from domain.sessions.access import session_in_group
from domain.sessions.errors import SessionError, SessionErrorCode
from domain.sessions.policies import check_in_open, register_open
from domain.sessions.validation import issue, raise_any
from infra.mongo.repositories.registry import Repositories
from schemas.documents.attendance import AttendanceDocument, MarkedBy
from schemas.documents.sessions import SessionDocument

REGISTER_MAX = 200


def _refuse_cancelled(session: SessionDocument) -> None:
    if session.cancelled_at is not None:
        raise SessionError(SessionErrorCode.SESSION_CANCELLED, "This session was cancelled.")


async def mark_attendance(
    *,
    repos: Repositories,
    viewer: Viewer,
    session_id: str,
    present: Sequence[str],
    absent: Sequence[str],
    now: datetime,
) -> list[AttendanceDocument]:
    """Take or correct the register (leads and co-leads), from when check-in opens; the register after."""
    session, group, membership = await session_in_group(repos, viewer, session_id, GroupAction.RUN_SESSIONS)
    _refuse_cancelled(session)
    if not register_open(session, now):
        raise SessionError(SessionErrorCode.REGISTER_NOT_OPEN, "The register opens 15 minutes before the start.")
    if len(present) + len(absent) > REGISTER_MAX:
        message = f"Mark up to {REGISTER_MAX} people at a time."
        raise SessionError(SessionErrorCode.TOO_MANY_MEMBERS, message)
    wanted = sorted(set(present))
    in_group = {m.member_id for m in await repos.memberships.active_in_groups([group.id]) if is_active(m)}
    strangers = [member_id for member_id in wanted if member_id not in in_group]
    raise_any([
        issue("present", SessionErrorCode.MEMBER_NOT_IN_GROUP, "Only the group's members can be marked.")
        for _ in strangers[:1]
    ])  # fmt: skip
    if absent:
        await repos.attendance.unmark(group.id, session.id, sorted(set(absent) - set(wanted)))
    for member_id in wanted:
        await repos.attendance.mark(group.id, session.id, member_id, marked=MarkedBy.LEAD,
                                    starts_at=session.starts_at, now=now)  # fmt: skip
    await note_attended(repos=repos, group_id=group.id, member_ids=wanted, at=now)
    await note_leader_activity(repos, membership, now=now)
    return await repos.attendance.of_session(group.id, session.id)


async def check_in(
    *, repos: Repositories, viewer: Viewer, session_id: str, code: str, now: datetime
) -> AttendanceDocument:
    """A member checks themselves in, with the room's code, from 15 minutes before the start to the end."""
    session, group, membership = await session_in_group(repos, viewer, session_id, GroupAction.VIEW_MEMBERS)
    if not is_active(membership):
        raise SessionError(SessionErrorCode.NOT_A_MEMBER, "Only the group's members check in to its sessions.")
    _refuse_cancelled(session)
    if not check_in_open(session, now):
        raise SessionError(SessionErrorCode.CHECK_IN_CLOSED, "Check-in opens 15 minutes before the start.")
    given = code.strip().upper().encode()
    if not hmac.compare_digest(given, session.check_in_code.encode()):
        raise SessionError(SessionErrorCode.CHECK_IN_CODE_WRONG, "That code doesn't match. Ask your lead to show it.")
    record = await repos.attendance.mark(group.id, session.id, viewer.id, marked=MarkedBy.SELF,
                                         starts_at=session.starts_at, now=now)  # fmt: skip
    await note_attended(repos=repos, group_id=group.id, member_ids=[viewer.id], at=now)
    return record
