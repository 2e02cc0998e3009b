"""Who may read, write, start and close a thread: pure rules over documents.

A group thread is between one member and the group's leadership: every active lead and
co-lead sees and answers it (a shared inbox, never one volunteer alone). A staff thread is
between one member and the service's safeguarding staff. Safeguarding staff also read, and
never write in, a group thread with a member under 18 or in a youth group, or one holding a
message that raised an alert, was reported, or waited 72 hours for a reply. Anyone else gets
NOT_FOUND, exactly like a thread that does not exist. There is no thread between two members.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.errors import HiddenError, NotPermittedError
from domain.groups import Viewer, age_of, is_away, is_leader, is_present
from domain.identity import Identity, Scope
from domain.members import ADULT_AGE, is_minor
from domain.outreach.errors import OutreachError, OutreachErrorCode
from schemas.documents.groups import GroupDocument
from schemas.documents.members import MemberDocument
from schemas.documents.memberships import MembershipDocument
from schemas.documents.reports import ReportReason
from schemas.documents.threads import ThreadDocument, ThreadEnding, ThreadKind, ThreadSide, ThreadStatus

EDIT_WINDOW = timedelta(minutes=15)
NUDGE_AFTER = timedelta(hours=48)  # the group's other leaders are nudged
ESCALATE_AFTER = timedelta(hours=72)  # staff are told a member is waiting
RISK_REASONS = frozenset({ReportReason.SUICIDE_OR_SELF_HARM_RISK, ReportReason.ENCOURAGING_SELF_HARM})
CLOSED_BY = {ThreadSide.MEMBER: ThreadEnding.MEMBER, ThreadSide.LEADERSHIP: ThreadEnding.LEADERSHIP,
             ThreadSide.STAFF: ThreadEnding.STAFF}  # fmt: skip


@dataclass(frozen=True)
class Participant:
    """A signed-in member acting on threads: as a group viewer, and whether they are safeguarding staff."""

    viewer: Viewer
    safeguarding: bool

    @classmethod
    def of(cls, member: MemberDocument, identity: Identity, *, now: datetime) -> Participant:
        return cls(viewer=Viewer.of(member, identity, now=now), safeguarding=Scope.SAFEGUARDING in identity.scopes)

    @property
    def id(self) -> str:
        return self.viewer.id

    @property
    def member(self) -> MemberDocument:
        return self.viewer.member


def side_of(
    thread: ThreadDocument, participant: Participant, membership: MembershipDocument | None
) -> ThreadSide | None:
    """The participant's side of the thread (their membership in its group decides leadership); None: not theirs."""
    if thread.member_id == participant.id:
        return ThreadSide.MEMBER
    if thread.kind is ThreadKind.GROUP and is_leader(membership) and _in_thread_group(thread, membership):
        return ThreadSide.LEADERSHIP
    if participant.safeguarding and thread.staff_readable:
        return ThreadSide.STAFF
    return None


def _in_thread_group(thread: ThreadDocument, membership: MembershipDocument | None) -> bool:
    return membership is not None and membership.group_id == thread.group_id and is_present(membership)


def require_side(
    thread: ThreadDocument | None, participant: Participant, membership: MembershipDocument | None
) -> ThreadSide:
    """The participant's side; HiddenError (NOT_FOUND) for a thread that is not theirs or does not exist."""
    side = side_of(thread, participant, membership) if thread is not None else None
    if side is None:
        raise HiddenError(thread.id if thread is not None else "thread")
    return side


def may_write(thread: ThreadDocument, side: ThreadSide) -> bool:
    """Staff write only in staff threads; in a group thread they read, to keep members safe."""
    return side is not ThreadSide.STAFF or thread.kind is ThreadKind.STAFF


def refuse_writing(thread: ThreadDocument, side: ThreadSide) -> None:
    if not may_write(thread, side):
        raise NotPermittedError("Safeguarding staff read this conversation; they don't write in it.")
    if thread.status is ThreadStatus.CLOSED:
        raise OutreachError(OutreachErrorCode.THREAD_CLOSED, "This conversation has ended.")


def is_unread(thread: ThreadDocument, side: ThreadSide) -> bool:
    """Something from the other side came after this side last looked."""
    if side is ThreadSide.MEMBER:
        last, seen = thread.last_team_message_at, thread.member_seen_at
    else:
        last, seen = thread.last_member_message_at, thread.team_seen_at
    return last is not None and (seen is None or last > seen)


def leads_may_message(member: MemberDocument) -> bool:
    """The member's say; unset, the default for their age when they joined: adults yes, under-18s no."""
    chosen = member.preferences.leads_may_message_me
    return chosen if chosen is not None else not is_minor(member.date_of_birth, member.created_at.date())


def refuse_lead_start(member: MemberDocument, membership: MembershipDocument) -> None:
    """Leads start a thread only with a member who allows it and has not blocked them."""
    if not leads_may_message(member) or membership.leads_blocked:
        message = "This member has chosen not to get messages started by leads. They can message you any time."
        raise OutreachError(OutreachErrorCode.NOT_ACCEPTING, message)


def refuse_target(membership: MembershipDocument | None) -> MembershipDocument:
    """The member a lead messages must be in the group now, and not one of its leaders."""
    if membership is None or not is_present(membership):
        raise OutreachError(OutreachErrorCode.NOT_A_MEMBER, "That person isn't in this group.")
    if is_leader(membership):
        raise OutreachError(OutreachErrorCode.LEADER_TARGET, "Leads and co-leads are the group's leadership here.")
    return membership


def staff_may_read(group: GroupDocument, member: MemberDocument, now: datetime) -> bool:
    """Threads with a member under 18 (their age where they live), or in a youth group, are always open
    to safeguarding staff.
    """
    return group.youth or age_of(member, now) < ADULT_AGE


def present_leaders(leaders: list[MembershipDocument], now: datetime) -> list[str]:
    """Leads and co-leads who are in the group and not away, by id."""
    return sorted(m.member_id for m in leaders if is_leader(m) and is_present(m) and not is_away(m, now))
