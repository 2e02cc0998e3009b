"""What every live subscription shares: the events of one Redis channel, parsed, for as long as the
client follows them; a gap (a slow client, a lost connection) ends the stream with the
subscription's own error, so the app refetches and subscribes again.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from api.graphql.core.context import Context
from api.graphql.core.errors import PublicError
from infra.pubsub import SubscriptionLostError

logger = logging.getLogger(__name__)

EventT = TypeVar("EventT", bound=BaseModel)


async def live_events(
    context: Context, channel: str, event: type[EventT], *, interrupted: Callable[[], PublicError]
) -> AsyncIterator[EventT]:
    """Each event published to `channel` from now on; an unreadable one is skipped."""
    async with context.runtime.broadcaster.subscribe(channel) as subscription:
        try:
            async for raw in subscription:
                try:
                    yield event.model_validate_json(raw)
                except ValidationError:
                    logger.warning("unreadable live event ignored on %s", channel.split(":", 1)[0])
        except SubscriptionLostError:
            raise interrupted() from None
