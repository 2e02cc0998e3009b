"""The live `threadLive`: what changes in one conversation, as it happens, for those in it.

Authenticated at connect (the router), members only, and authorised at subscribe like the
`thread` query (anyone else's is NOT_FOUND). Each event from Redis names what changed, by id;
for each one the viewer's right to the thread is decided again from the store (their account
not waiting to be deleted, still leading the group, still safeguarding staff on a thread staff
may read): when it is gone the stream ends, and nothing more is sent. The message or thread is
then read again with fresh loaders (pitfall S2) and shaped like the queries shape it. When
events were missed the stream ends with THREAD_INTERRUPTED: refetch, then subscribe again.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Annotated

import strawberry

from api.graphql.core.context import Context, Info
from api.graphql.core.errors import PublicError, access_denials
from api.graphql.core.live import live_events
from api.graphql.core.loaders import Loaders
from api.graphql.core.permissions import IsMember
from api.graphql.outreach.access import message_of, participant, thread_of
from api.graphql.outreach.types import Message, Thread
from domain import outreach
from domain.outreach import Participant, ThreadView
from schemas.events import ThreadEvent, ThreadEventKind, thread_channel


class ThreadInterruptedError(PublicError):
    code = "THREAD_INTERRUPTED"

    def __init__(self) -> None:
        super().__init__("Some updates were missed: fetch the conversation again, then subscribe again.")


@strawberry.type(description="A new message.")
class MessageAdded:
    message: Message = strawberry.field(description="The message, as the thread query shows it.")
    thread: Thread = strawberry.field(description="The thread now.")


@strawberry.type(description="Its author changed a message's words.")
class MessageUpdated:
    message: Message = strawberry.field(description="The message, as the thread query shows it.")


@strawberry.type(description="Its author deleted a message: its words are gone.")
class MessageDeleted:
    message: Message = strawberry.field(description="The message, deleted.")


@strawberry.type(description="A side marked the thread seen: messages show as seen.")
class ThreadSeen:
    thread: Thread = strawberry.field(description="The thread now.")


@strawberry.type(description="The thread closed: nothing more can be said in it.")
class ThreadClosed:
    thread: Thread = strawberry.field(description="The thread now.")


ThreadLiveEvent = Annotated[
    MessageAdded | MessageUpdated | MessageDeleted | ThreadSeen | ThreadClosed,
    strawberry.union("ThreadLiveEvent", description="One change in a conversation."),
]


async def thread_live(
    info: Info, thread_id: Annotated[strawberry.ID, strawberry.argument(description="One of the viewer's threads.")]
) -> AsyncGenerator[ThreadLiveEvent, None]:
    context = info.context
    who = await participant(info)
    with access_denials():
        await outreach.get_thread(repos=context.repos, participant=who, thread_id=thread_id)
    async for event in live_events(context, thread_channel(thread_id), ThreadEvent, interrupted=ThreadInterruptedError):
        view = await outreach.still_theirs(repos=context.repos, participant=who, thread_id=thread_id)
        if view is None:
            return  # no longer theirs: nothing more for them
        payload = await _payload(context, who, view, event)
        if payload is not None:
            yield payload


async def _payload(context: Context, who: Participant, view: ThreadView, event: ThreadEvent) -> ThreadLiveEvent | None:
    """The event as this viewer may see it, from a fresh read."""
    loaders = Loaders(context.repos)
    thread = thread_of(view, who, loaders)
    if event.kind is ThreadEventKind.SEEN:
        return ThreadSeen(thread=thread)
    if event.kind is ThreadEventKind.CLOSED:
        return ThreadClosed(thread=thread)
    found = await outreach.thread_message(repos=context.repos, view=view, message_id=event.message_id or "")
    if found is None:
        return None
    message = message_of(found, view, who, loaders)
    if event.kind is ThreadEventKind.MESSAGE_UPDATED:
        return MessageUpdated(message=message)
    if event.kind is ThreadEventKind.MESSAGE_DELETED:
        return MessageDeleted(message=message)
    return MessageAdded(message=message, thread=thread)


@strawberry.type
class OutreachSubscriptions:
    thread_live = strawberry.subscription(
        resolver=thread_live,
        description="Changes in one of the viewer's conversations as they happen (graphql-transport-ws). Ends when "
        "the viewer may no longer see it, and with THREAD_INTERRUPTED when updates were missed.",
        permission_classes=[IsMember],
    )
