"""Telling a group's live feeds what changed, by id (schemas/events.py).

A live event is a hint, never the record: the content is already stored, so
when Redis is slow or down the member's post still succeeds (CRISIS-3) and
feeds catch up on their next fetch.
"""

from __future__ import annotations

import asyncio
import logging

from redis.exceptions import RedisError

from infra.pubsub import Broadcaster
from schemas.events import FeedEvent, FeedEventKind, feed_channel

logger = logging.getLogger(__name__)

PUBLISH_TIMEOUT_SECONDS = 0.5


async def publish(broadcaster: Broadcaster, event: FeedEvent) -> None:
    """Publish the event; a failure is logged (its kind only) and otherwise ignored."""
    try:
        async with asyncio.timeout(PUBLISH_TIMEOUT_SECONDS):
            await broadcaster.publish(feed_channel(event.group_id), event.model_dump_json().encode())
    except (RedisError, OSError, TimeoutError) as error:
        logger.warning("feed event not published (%s): %s", event.kind.value, type(error).__name__)


def share_event(kind: FeedEventKind, group_id: str, share_id: str) -> FeedEvent:
    return FeedEvent(kind=kind, group_id=group_id, share_id=share_id)


def response_event(kind: FeedEventKind, group_id: str, share_id: str, response_id: str) -> FeedEvent:
    return FeedEvent(kind=kind, group_id=group_id, share_id=share_id, response_id=response_id)
