"""Telling a group's live feeds what changed, by id (schemas/events.py).

A live event is a hint, never the record: the content is already stored, so
when Redis is slow or down the member's post still succeeds (CRISIS-3) and
feeds catch up on their next fetch.
"""

from __future__ import annotations

from infra.pubsub import Broadcaster
from schemas.events import FeedEvent, FeedEventKind, feed_channel


async def publish(broadcaster: Broadcaster, event: FeedEvent) -> None:
    """Publish the event; a failure is logged (its kind only) and otherwise ignored."""
    await broadcaster.publish_hint(
        feed_channel(event.group_id), event.model_dump_json().encode(), kind=f"feed {event.kind.value}"
    )


def share_event(kind: FeedEventKind, group_id: str, share_id: str) -> FeedEvent:
    return FeedEvent(kind=kind, group_id=group_id, share_id=share_id)


def response_event(kind: FeedEventKind, group_id: str, share_id: str, response_id: str) -> FeedEvent:
    return FeedEvent(kind=kind, group_id=group_id, share_id=share_id, response_id=response_id)
