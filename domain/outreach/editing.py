"""Changing what was said, briefly, like shares: its author edits or deletes a message within 15
minutes of sending it (a deleted message keeps its place, its words gone); an edit is screened
again. And each side marking the thread seen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.crisis import Signposting
from domain.errors import NotPermittedError
from domain.outreach import events
from domain.outreach.errors import OutreachError, OutreachErrorCode
from domain.outreach.messaging import Draft, ThreadServices, screen
from domain.outreach.policies import EDIT_WINDOW, Participant, refuse_writing
from domain.outreach.reading import ThreadView, get_thread, message_in_view
from domain.outreach.validation import checked_body
from schemas.documents.messages import MessageDocument
from schemas.documents.safeguarding_alerts import RiskLevel
from schemas.documents.threads import ThreadKind, ThreadSide
from schemas.events import ThreadEventKind


@dataclass(frozen=True)
class Edited:
    view: ThreadView
    message: MessageDocument
    signposting: Signposting | None


async def edit_message(
    *, services: ThreadServices, participant: Participant, message_id: str, body: str, now: datetime
) -> Edited:
    """The author changes a message's words within 15 minutes; they are screened again."""
    view, message = await _own_changeable(services, participant, message_id, now=now)
    body = checked_body(body)
    group = await services.repos.groups.get(view.thread.group_id) if view.thread.group_id else None
    draft = Draft(view.thread, view.side, participant.member, body, message.client_key, group.kind if group else None)
    support = await screen(services, draft, message.id, body, now=now)
    level = support.level if support else RiskLevel.NONE
    edited = await services.repos.messages.edit(message, body=body, risk_level=level, at=now)
    if edited is None:
        raise OutreachError(OutreachErrorCode.NOT_EDITABLE, "This message was deleted.")
    await events.publish(services.broadcaster, ThreadEventKind.MESSAGE_UPDATED, view.thread.id, edited.id)
    return Edited(view, edited, support)


async def delete_message(
    *, services: ThreadServices, participant: Participant, message_id: str, now: datetime
) -> Edited:
    """The author deletes a message within 15 minutes: its words go for good; both sides see it was withdrawn."""
    view, message = await _own_changeable(services, participant, message_id, now=now)
    deleted = await services.repos.messages.delete(message, at=now)
    if deleted is None:
        raise OutreachError(OutreachErrorCode.NOT_EDITABLE, "This message was deleted already.")
    await events.publish(services.broadcaster, ThreadEventKind.MESSAGE_DELETED, view.thread.id, deleted.id)
    return Edited(view, deleted, None)


async def mark_seen(*, services: ThreadServices, participant: Participant, thread_id: str, now: datetime) -> ThreadView:
    """The viewer's side has seen the thread up to now. Staff reading a group thread mark nothing:
    they watch over it, the leadership answers it.
    """
    view = await get_thread(repos=services.repos, participant=participant, thread_id=thread_id)
    if view.side is ThreadSide.STAFF and view.thread.kind is ThreadKind.GROUP:
        return view
    seen = await services.repos.threads.mark_seen(view.thread.id, side=view.side, at=now)
    await events.publish(services.broadcaster, ThreadEventKind.SEEN, view.thread.id)
    return ThreadView(seen or view.thread, view.side, view.membership)


async def _own_changeable(
    services: ThreadServices, participant: Participant, message_id: str, *, now: datetime
) -> tuple[ThreadView, MessageDocument]:
    view, message = await message_in_view(repos=services.repos, participant=participant, message_id=message_id)
    if message.author_id != participant.id:
        raise NotPermittedError("Only the person who wrote this message can change it.")
    refuse_writing(view.thread, view.side)
    if message.deleted_at is not None:
        raise OutreachError(OutreachErrorCode.NOT_EDITABLE, "This message was deleted.")
    if now - message.created_at > EDIT_WINDOW:
        raise OutreachError(OutreachErrorCode.EDIT_WINDOW_CLOSED, "Messages can be changed for 15 minutes.")
    return view, message
