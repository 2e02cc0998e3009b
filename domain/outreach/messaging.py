"""Sending a message in a thread: once per client key, screened before it is written.

Every message a member writes (on either side: the member, or a lead or co-lead) passes the
crisis screen before the mutation returns (CRISIS-2): its support comes back in the same
response, and high risk raises a safeguarding alert for staff (never the leads), which also
opens the thread to staff. Staff's own messages are not screened.

A retry carries the same client key: the unique (thread, key) pair keeps one message, and
the retry is answered from it, its follow-up steps (the thread's waiting clock, the push, the
live event) done again, each idempotent. The same key with other words is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from domain.crisis import Signposting, SignpostSource, SupportDirectory, signpost
from domain.groups import note_leader_activity
from domain.outreach import events
from domain.outreach.errors import OutreachError, OutreachErrorCode
from domain.outreach.notices import tell_other_side
from domain.outreach.policies import ESCALATE_AFTER, NUDGE_AFTER, refuse_writing
from domain.outreach.validation import checked_body, checked_key, clean_text, fingerprint
from infra.mongo.repositories.messages import MessageKeyTakenError
from infra.mongo.repositories.registry import Repositories
from infra.pubsub import Broadcaster
from infra.queue import TaskQueue
from schemas.documents.base import new_id
from schemas.documents.groups import GroupKind
from schemas.documents.members import MemberDocument
from schemas.documents.memberships import MembershipDocument
from schemas.documents.messages import MessageDocument
from schemas.documents.safeguarding_alerts import AlertSourceKind, RiskLevel
from schemas.documents.staff_alerts import StaffAlertKind
from schemas.documents.threads import ThreadDocument, ThreadKind, ThreadSide
from schemas.events import ThreadEventKind


@dataclass(frozen=True)
class ThreadServices:
    """What thread operations write through: the store, the task queue (pushes) and the live events."""

    repos: Repositories
    queue: TaskQueue
    broadcaster: Broadcaster
    support: SupportDirectory = field(default_factory=SupportDirectory)  # the helplines, from memory


@dataclass(frozen=True)
class Draft:
    """A message about to be sent: where, from which side, by whom, and how it is told."""

    thread: ThreadDocument
    side: ThreadSide
    author: MemberDocument
    body: str
    client_key: str
    group_kind: GroupKind | None = None  # the group's kind, for its helplines (bereavement services)
    membership: MembershipDocument | None = None  # a lead's or co-lead's, to count them active in the group
    tell: bool = True  # push the other side (supportRequest tells the leads its own way)


@dataclass(frozen=True)
class Posted:
    """The stored message, and the support its words call for (None for staff's messages)."""

    message: MessageDocument
    signposting: Signposting | None


async def post(services: ThreadServices, draft: Draft, *, now: datetime) -> Posted:
    """Write the message (once per client key) and do what follows: the thread's clock, the push, the event."""
    key = checked_key(draft.client_key)
    stored = await services.repos.messages.get_by_key(draft.thread.id, key)
    if stored is not None:
        return await _again(services, draft, stored, now=now)
    refuse_writing(draft.thread, draft.side)
    body = checked_body(draft.body)
    message_id = new_id()
    support = await screen(services, draft, message_id, body, now=now)
    message = MessageDocument(
        id=message_id, thread_id=draft.thread.id, client_key=key, request_hash=fingerprint(draft.author.id, body),
        sender=draft.side, author_id=draft.author.id, body=body,
        risk_level=support.level if support else RiskLevel.NONE, created_at=now,
    )  # fmt: skip
    try:
        await services.repos.messages.insert(message)
    except MessageKeyTakenError:  # a concurrent try of the same send won
        stored = await services.repos.messages.get_by_key(draft.thread.id, key)
        if stored is None:
            raise
        return await _again(services, draft, stored, now=now)
    await _after(services, draft, message, now=now)
    return Posted(message, support)


async def screen(
    services: ThreadServices, draft: Draft, message_id: str, body: str, *, now: datetime
) -> Signposting | None:
    """The crisis screen over a member's words (either side), before they are stored; staff's are not screened."""
    if draft.side is ThreadSide.STAFF:
        return None
    source = SignpostSource(kind=AlertSourceKind.MESSAGE, id=message_id, group_id=draft.thread.group_id)
    support = await signpost(
        repos=services.repos, directory=services.support, member=draft.author, source=source, texts=[body], now=now,
        group_kind=draft.group_kind,
    )  # fmt: skip
    if support.alerted:
        await services.repos.threads.flag(draft.thread.id)  # staff must be able to read what raised the alert
    return support


async def _again(services: ThreadServices, draft: Draft, stored: MessageDocument, *, now: datetime) -> Posted:
    """A retry: answered from the stored message, its follow-up steps done again; other words are refused."""
    if stored.request_hash != fingerprint(draft.author.id, clean_text(draft.body)):
        message = "This key was used for another message: send a new key with each message."
        raise OutreachError(OutreachErrorCode.CLIENT_KEY_REUSED, message)
    support = await screen(services, draft, stored.id, stored.body, now=now) if not stored.deleted_at else None
    if not _moved_on(draft.thread, stored):  # a late retry must not turn the thread's clock back
        await _after(services, draft, stored, now=now)
    return Posted(stored, support)


def _moved_on(thread: ThreadDocument, message: MessageDocument) -> bool:
    """Something was said in the thread after this message: its follow-up steps are history."""
    later = (thread.last_member_message_at, thread.last_team_message_at)
    return any(moment is not None and moment > message.created_at for moment in later)


async def _after(services: ThreadServices, draft: Draft, message: MessageDocument, *, now: datetime) -> None:
    repos, thread = services.repos, draft.thread
    at = message.created_at
    if draft.side is ThreadSide.MEMBER:
        await repos.threads.note_member_message(thread.id, at=at)
        await start_waiting(repos, thread, at=at)
    else:
        writer = draft.author.id if draft.side is ThreadSide.LEADERSHIP else None
        await repos.threads.note_team_message(thread.id, at=at, writer_id=writer)
        await repos.staff_alerts.resolve_open(StaffAlertKind.MEMBER_WAITING, thread.id, now=now)
        await note_leader_activity(repos, draft.membership, now=now)
    if draft.tell:
        await tell_other_side(repos=repos, queue=services.queue, thread=thread, sender=draft.side, now=now)
    await events.publish(services.broadcaster, ThreadEventKind.MESSAGE_ADDED, thread.id, message.id)


async def start_waiting(repos: Repositories, thread: ThreadDocument, *, at: datetime) -> None:
    """The member waits for a reply from `at` (unless waiting already). In a group thread the other
    leaders are nudged after 48 hours and staff told after 72; staff answer from their own queue.
    """
    group = thread.kind is ThreadKind.GROUP
    await repos.threads.start_waiting(
        thread.id, at=at, nudge_at=at + NUDGE_AFTER if group else None,
        escalate_at=at + ESCALATE_AFTER if group else None,
    )  # fmt: skip
