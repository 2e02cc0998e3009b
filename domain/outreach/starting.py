"""Starting a thread, in the three ways the service allows, each with its first message.

- A lead or co-lead, with a member of the group they lead (a member they can see: the member
  list, quietMembers, the digest, a support request), if the member allows leads to start one
  and has not blocked them; optionally with a suggested opener in the member's language.
- The member, with their group's leadership ("message my group's leads"): always allowed.
- Safeguarding staff, with the member behind an alert or an approved break-glass reveal
  (domain/safeguarding/outreach.py decides who that is): a staff thread, whatever the member's
  preferences.

Never from a share or a response: nothing here takes one, so no thread can lead to the author
of anonymous content (only break-glass, by two staff, can). Starting where a thread is open
already adds the message to it: one open thread per member and group, shared by every leader.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.errors import HiddenError
from domain.groups import GroupAction, authorized, is_leader, is_present
from domain.outreach.catalogue import Opener, opener_text
from domain.outreach.errors import OutreachError, OutreachErrorCode
from domain.outreach.messaging import Draft, Posted, ThreadServices, post
from domain.outreach.policies import Participant, refuse_lead_start, refuse_target, staff_may_read
from domain.outreach.reading import ThreadView
from domain.outreach.validation import checked_body, checked_key
from infra.mongo.repositories.registry import Repositories
from schemas.documents.base import new_id
from schemas.documents.groups import GroupDocument
from schemas.documents.members import MemberDocument
from schemas.documents.memberships import MembershipDocument
from schemas.documents.threads import ThreadDocument, ThreadKind, ThreadSide, group_open_key, staff_open_key


@dataclass(frozen=True)
class Started:
    """The thread from the starter's side, its first message (and that message's support)."""

    view: ThreadView
    posted: Posted
    already_open: bool


@dataclass(frozen=True)
class Opening:
    """What a thread's first message says: the words, or a suggested opener in the member's language."""

    client_key: str
    body: str | None = None
    opener: Opener | None = None

    def words(self, member: MemberDocument) -> str:
        if self.body is not None:
            return self.body
        return opener_text(self.opener, member.language) if self.opener is not None else ""


async def start_with_member(
    *, services: ThreadServices, participant: Participant, group_id: str, member_id: str, opening: Opening,
    now: datetime,
) -> Started:  # fmt: skip
    """A lead or co-lead starts a thread with a member of their group (or adds to the open one)."""
    repos = services.repos
    group, membership = await authorized(repos, participant.viewer, group_id, GroupAction.MESSAGE_MEMBERS)
    refuse_archived(group)
    if member_id == participant.id:
        raise OutreachError(OutreachErrorCode.LEADER_TARGET, "You lead this group: message its members from here.")
    target_membership = refuse_target(await repos.memberships.get(group.id, member_id))
    target = await _member(repos, member_id)
    existing = await repos.threads.open_by_key(group_open_key(group.id, member_id))
    if existing is None:  # consent governs starting; an open thread carries on
        refuse_lead_start(target, target_membership)
    body = _checked(opening, target)
    thread, already = (existing, True) if existing else await open_thread(repos, new_group_thread(
        group, target, started_by=ThreadSide.LEADERSHIP, opened_by=participant.id, now=now
    ))  # fmt: skip
    draft = Draft(thread, ThreadSide.LEADERSHIP, participant.member, body, opening.client_key, group.kind, membership)
    posted = await post(services, draft, now=now)
    return Started(ThreadView(thread, ThreadSide.LEADERSHIP, membership), posted, already)


async def start_with_leads(
    *, services: ThreadServices, participant: Participant, group_id: str, opening: Opening, now: datetime
) -> Started:
    """The member starts a thread with their group's leadership (or adds to the open one)."""
    repos = services.repos
    group, membership = await own_group(repos, participant, group_id)
    refuse_archived(group)
    body = _checked(opening, participant.member)
    await refuse_without_leaders(repos, group.id, participant.id)
    thread, already = await open_thread(repos, new_group_thread(
        group, participant.member, started_by=ThreadSide.MEMBER, opened_by=participant.id, now=now
    ))  # fmt: skip
    draft = Draft(thread, ThreadSide.MEMBER, participant.member, body, opening.client_key, group.kind, membership)
    return Started(ThreadView(thread, ThreadSide.MEMBER), await post(services, draft, now=now), already)


async def start_with_staff(
    *, services: ThreadServices, participant: Participant, member: MemberDocument, basis: str, opening: Opening,
    now: datetime,
) -> Started:  # fmt: skip
    """Safeguarding staff start a thread with a member (`basis`: the alert or reveal that led them there).
    The caller (domain.safeguarding's `reach_member`) has checked the officer's authority over the basis.
    """
    if member.deletion_requested_at is not None or member.id == participant.id:
        raise OutreachError(OutreachErrorCode.MEMBER_GONE, "This member can't be messaged.")
    body = _checked(opening, member)
    thread, already = await open_thread(services.repos, ThreadDocument(
        id=new_id(), kind=ThreadKind.STAFF, group_id=None, member_id=member.id, started_by=ThreadSide.STAFF,
        opened_by=participant.id, staff_basis=basis, open_key=staff_open_key(member.id), safeguarding_visible=True,
        staff_readable=True, created_at=now, activity_at=now,
    ))  # fmt: skip
    draft = Draft(thread, ThreadSide.STAFF, participant.member, body, opening.client_key)
    return Started(ThreadView(thread, ThreadSide.STAFF), await post(services, draft, now=now), already)


def new_group_thread(
    group: GroupDocument, member: MemberDocument, *, started_by: ThreadSide, opened_by: str, now: datetime
) -> ThreadDocument:
    visible = staff_may_read(group, member, now)
    return ThreadDocument(
        id=new_id(), kind=ThreadKind.GROUP, group_id=group.id, member_id=member.id, started_by=started_by,
        opened_by=opened_by, open_key=group_open_key(group.id, member.id), safeguarding_visible=visible,
        staff_readable=visible, created_at=now, activity_at=now,
    )  # fmt: skip


async def open_thread(repos: Repositories, thread: ThreadDocument) -> tuple[ThreadDocument, bool]:
    """The new thread, or the one open already under its key (True). Twice: one may close in between."""
    for _ in range(2):
        if await repos.threads.open(thread):
            return thread, False
        if (existing := await repos.threads.open_by_key(thread.open_key)) is not None:
            return existing, True
    raise RuntimeError(f"thread key {thread.open_key} neither free nor open")


async def own_group(
    repos: Repositories, participant: Participant, group_id: str
) -> tuple[GroupDocument, MembershipDocument]:
    """A group the participant is in now; any other is NOT_FOUND, like a missing one."""
    group = await repos.groups.get(group_id)
    membership = await repos.memberships.get(group_id, participant.id)
    if group is None or membership is None or not is_present(membership):
        raise HiddenError(group_id)
    return group, membership


async def refuse_without_leaders(repos: Repositories, group_id: str, member_id: str) -> None:
    """A thread needs someone on the other side: a lead or co-lead besides the member."""
    if not [m for m in await repos.memberships.leaders_of(group_id) if is_leader(m) and m.member_id != member_id]:
        message = "Nobody else leads this group just now. The helplines in the app are there for you."
        raise OutreachError(OutreachErrorCode.NO_LEADER_AVAILABLE, message)


def refuse_archived(group: GroupDocument) -> None:
    if group.archived:
        raise OutreachError(OutreachErrorCode.GROUP_ARCHIVED, "This group has been archived.")


def _checked(opening: Opening, member: MemberDocument) -> str:
    """The first message's words, checked before anything is written (the key too)."""
    checked_key(opening.client_key)
    return checked_body(opening.words(member))


async def _member(repos: Repositories, member_id: str) -> MemberDocument:
    found = await repos.members.get_many([member_id])
    if not found:
        raise OutreachError(OutreachErrorCode.NOT_A_MEMBER, "That person isn't in this group.")
    return found[0]
