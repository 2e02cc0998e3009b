"""Telling a thread's live subscribers what changed, by id only (schemas/events.py).

An event is a hint, never the record: the message is stored already, so when Redis is slow
or down the send still succeeds and the app catches up on its next fetch.
"""

from __future__ import annotations

from infra.pubsub import Broadcaster
from schemas.events import ThreadEvent, ThreadEventKind, thread_channel


async def publish(
    broadcaster: Broadcaster, kind: ThreadEventKind, thread_id: str, message_id: str | None = None
) -> None:
    event = ThreadEvent(kind=kind, thread_id=thread_id, message_id=message_id)
    await broadcaster.publish_hint(thread_channel(thread_id), event.model_dump_json().encode(), kind=f"thread {kind}")
