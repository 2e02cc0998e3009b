"""Reading threads: one thread, the member's own, a group's leadership inbox, staff's list, and a
thread's messages. Each returns what the viewer may see, decided here; the API only shapes it.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.errors import HiddenError, NotPermittedError
from domain.groups import GroupAction, authorized
from domain.outreach.policies import Participant, is_unread, may_write, require_side, side_of
from infra.mongo.repositories.registry import Repositories
from schemas.documents.memberships import MembershipDocument
from schemas.documents.messages import MessageDocument
from schemas.documents.threads import ThreadDocument, ThreadKind, ThreadSide, ThreadStatus
from schemas.pagination import Keyset, Page


@dataclass(frozen=True)
class ThreadView:
    """A thread as one viewer sees it: from their side."""

    thread: ThreadDocument
    side: ThreadSide
    membership: MembershipDocument | None = None  # the viewer's, in the thread's group, when they lead it

    @property
    def can_write(self) -> bool:
        return self.thread.status is ThreadStatus.OPEN and may_write(self.thread, self.side)

    @property
    def unread(self) -> bool:
        return is_unread(self.thread, self.side)


async def viewer_membership(
    repos: Repositories, participant: Participant, thread: ThreadDocument | None
) -> MembershipDocument | None:
    """The viewer's membership in the thread's group, which decides whether they lead it."""
    if thread is None or thread.kind is not ThreadKind.GROUP or thread.group_id is None:
        return None
    if thread.member_id == participant.id:
        return None
    return await repos.memberships.get(thread.group_id, participant.id)


async def get_thread(*, repos: Repositories, participant: Participant, thread_id: str) -> ThreadView:
    """One thread from the viewer's side; NOT_FOUND for one that is not theirs, like a missing one."""
    thread = await repos.threads.get(thread_id)
    membership = await viewer_membership(repos, participant, thread)
    side = require_side(thread, participant, membership)
    assert thread is not None  # noqa: S101 - require_side refuses a missing thread
    return ThreadView(thread, side, membership)


async def my_threads(
    *, repos: Repositories, participant: Participant, after: Keyset | None, first: int
) -> Page[ThreadView]:
    """The member's own threads (with their groups' leads and with staff), latest activity first."""
    page = await repos.threads.page_for_member(participant.id, after=after, first=first)
    return Page(items=[ThreadView(t, ThreadSide.MEMBER) for t in page.items], has_next=page.has_next)


async def group_threads(
    *, repos: Repositories, participant: Participant, group_id: str, waiting_only: bool, after: Keyset | None,
    first: int,
) -> Page[ThreadView]:  # fmt: skip
    """A group's shared leadership inbox (leads and co-leads), latest activity first; or only those waiting."""
    _, membership = await authorized(repos, participant.viewer, group_id, GroupAction.MESSAGE_MEMBERS)
    page = await repos.threads.page_for_group(group_id, waiting_only=waiting_only, after=after, first=first)
    views = [ThreadView(t, ThreadSide.LEADERSHIP, membership) for t in page.items if t.member_id != participant.id]
    return Page(items=views, has_next=page.has_next)


async def safeguarding_threads(
    *, repos: Repositories, participant: Participant, after: Keyset | None, first: int
) -> Page[ThreadView]:
    """Every thread safeguarding staff may read (their own, youth ones, flagged ones), latest activity first."""
    if not participant.safeguarding:
        raise NotPermittedError("This is for safeguarding staff only.")
    page = await repos.threads.page_for_staff(after=after, first=first)
    return Page(items=[ThreadView(t, ThreadSide.STAFF) for t in page.items], has_next=page.has_next)


async def messages(*, repos: Repositories, view: ThreadView, after: Keyset | None, first: int) -> Page[MessageDocument]:
    """A thread's messages, newest first (the view was authorised when it was read)."""
    return await repos.messages.page(view.thread.id, after=after, first=first)


async def still_theirs(*, repos: Repositories, participant: Participant, thread_id: str) -> ThreadView | None:
    """For a live subscription, at each event: the thread from the viewer's side if they may still see it
    (their account not waiting to be deleted, still leading the group), else None.
    """
    found = await repos.members.get_many([participant.id])
    if not found or found[0].deletion_requested_at is not None:
        return None
    thread = await repos.threads.get(thread_id)
    membership = await viewer_membership(repos, participant, thread)
    side = side_of(thread, participant, membership) if thread is not None else None
    return ThreadView(thread, side, membership) if thread is not None and side is not None else None


async def message_in_view(
    *, repos: Repositories, participant: Participant, message_id: str
) -> tuple[ThreadView, MessageDocument]:
    """A message and its thread from the viewer's side; NOT_FOUND when either is not theirs."""
    message = await repos.messages.get(message_id)
    if message is None:
        raise HiddenError(message_id)
    return await get_thread(repos=repos, participant=participant, thread_id=message.thread_id), message


async def thread_message(*, repos: Repositories, view: ThreadView, message_id: str) -> MessageDocument | None:
    """One message of a thread the viewer may see (by the thread: one shard)."""
    return await repos.messages.get_in_thread(view.thread.id, message_id)
