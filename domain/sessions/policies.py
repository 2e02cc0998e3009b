"""Who sees what of a session, and when: pure rules, no I/O.

- The joining link: members only, from 30 minutes before the start until the end
  (leads and co-leads always: they set it).
- The venue of a youth group's session: members and staff only.
- Who is going, by name: the group's leads and co-leads; everyone else sees counts.
- Attendance: the group's leads, co-leads and staff see the register; a member sees
  only whether they came. An under-18 is never on any list another member can read.
- Self check-in: from 15 minutes before the start until the end, with the room's code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.groups import GroupAction, Viewer, allowed_actions, is_active
from schemas.documents.groups import GroupDocument
from schemas.documents.memberships import MembershipDocument
from schemas.documents.sessions import SessionDocument

LINK_OPENS_BEFORE = timedelta(minutes=30)
CHECK_IN_OPENS_BEFORE = timedelta(minutes=15)


@dataclass(frozen=True)
class SessionAccess:
    """What this viewer may see of one group's sessions."""

    member: bool
    leader: bool
    attendance: bool
    staff: bool

    @classmethod
    def of(cls, viewer: Viewer, membership: MembershipDocument | None) -> SessionAccess:
        actions = allowed_actions(viewer, membership)
        return cls(
            member=is_active(membership),
            leader=GroupAction.RUN_SESSIONS in actions,
            attendance=GroupAction.VIEW_ATTENDANCE in actions,
            staff=viewer.staff,
        )


def link_open(session: SessionDocument, now: datetime) -> bool:
    return session.starts_at - LINK_OPENS_BEFORE <= now < session.ends_at


def sees_link(access: SessionAccess, session: SessionDocument, now: datetime) -> bool:
    if session.joining_link is None or session.cancelled_at is not None:
        return False
    return access.leader or (access.member and link_open(session, now))


def sees_venue(access: SessionAccess, group: GroupDocument) -> bool:
    return not group.youth or access.member or access.staff


def check_in_open(session: SessionDocument, now: datetime) -> bool:
    return session.cancelled_at is None and session.starts_at - CHECK_IN_OPENS_BEFORE <= now < session.ends_at


def register_open(session: SessionDocument, now: datetime) -> bool:
    """A lead takes the register from when check-in opens; later corrections are fine."""
    return session.cancelled_at is None and session.starts_at - CHECK_IN_OPENS_BEFORE <= now
