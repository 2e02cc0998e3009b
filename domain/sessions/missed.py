"""Noticing who stopped coming: a member who came to at least 2 of the 4 sessions before the group's
last 2, and missed both of those, becomes a quiet signal in the existing quiet-member machinery
(domain/noticing): the same consent to tell leads, under-18 defaults and 14 days' rest apply there.

Only sessions whose register was taken count (at least one person marked or checked in): a session
nobody took the register of says nothing about who came. Each session is looked at once, 12 hours
after its end (`missed_check_at`, claimed by a conditional update), so a duplicate tick does nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from domain.noticing import note_missed_sessions
from infra.mongo.repositories.registry import Repositories
from schemas.documents.memberships import MembershipDocument
from schemas.documents.sessions import SessionDocument

MISSED_IN_A_ROW = 2
CAME_BEFORE = 2
LOOKED_BACK = 4  # sessions before the missed ones
HELD_READ = 20  # recent held sessions read to find six with a register


def stopped_coming(
    registered: Sequence[SessionDocument], came: dict[str, set[str]], memberships: Sequence[MembershipDocument]
) -> list[str]:
    """Members who missed the latest 2 registered sessions (latest first in `registered`) after coming to
    at least 2 of the 4 before; `came` is who came, by session id. Only sessions held since they joined count.
    """
    found = []
    for membership in memberships:
        theirs = [s for s in registered if s.starts_at >= membership.joined_at]
        recent, before = theirs[:MISSED_IN_A_ROW], theirs[MISSED_IN_A_ROW : MISSED_IN_A_ROW + LOOKED_BACK]
        if len(recent) < MISSED_IN_A_ROW:
            continue
        missed = all(membership.member_id not in came[s.id] for s in recent)
        attended = sum(membership.member_id in came[s.id] for s in before)
        if missed and attended >= CAME_BEFORE:
            found.append(membership.member_id)
    return found


async def look_for_missed(*, repos: Repositories, session: SessionDocument, now: datetime) -> int:
    """After `session`: signal members of its group who stopped coming; how many were newly signalled."""
    held = await repos.sessions.past_of_group(session.group_id, ended_by=now, limit=HELD_READ)
    came: dict[str, set[str]] = defaultdict(set)
    for record in await repos.attendance.of_sessions(session.group_id, [s.id for s in held]):
        came[record.session_id].add(record.member_id)
    registered = [s for s in held if came[s.id]][: MISSED_IN_A_ROW + LOOKED_BACK]
    if session.id not in {s.id for s in registered[:MISSED_IN_A_ROW]}:
        return 0  # its register was not taken, or a later session already answers
    memberships = await repos.memberships.active_in_groups([session.group_id])
    quiet = stopped_coming(registered, came, memberships)
    return await note_missed_sessions(repos=repos, group_id=session.group_id, member_ids=quiet, now=now)
