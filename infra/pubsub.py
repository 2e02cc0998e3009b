"""Live events across API processes through Redis pub/sub.

Each process holds ONE subscriber connection (pitfall SB2) and one reader task
that fans messages out to bounded per-subscriber queues; channels are
subscribed while at least one local subscriber wants them (ref-counted).
Events are hints: a subscriber that falls behind, or every subscriber when the
connection drops, is ended with `SubscriptionLostError`, and the client
re-subscribes and refetches (pub/sub keeps nothing for the absent, SB4).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict
from collections.abc import AsyncIterator

from redis.asyncio import Redis
from redis.asyncio.client import PubSub
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

PUBLISH_TIMEOUT_SECONDS = 0.5
# Keeps the connection in subscribe mode, so the reader blocks instead of failing.
_IDLE_CHANNEL = "pubsub:idle"
_RECONNECT_DELAY_SECONDS = 1.0
# A read gives up this often to look at `_closed`: redis-py may turn a task's
# cancellation into a connection error, which the reconnect loop would survive.
_READ_TIMEOUT_SECONDS = 1.0


class SubscriptionLostError(Exception):
    """The stream of events has a gap: refetch, then subscribe again."""


class Subscription:
    """The events of one channel for one local subscriber, in order."""

    def __init__(self, channel: str, size: int) -> None:
        self.channel = channel
        self._queue: asyncio.Queue[bytes | SubscriptionLostError] = asyncio.Queue(maxsize=size)
        self._lost = False

    def offer(self, data: bytes) -> bool:
        """Queue an event; False (and the subscription lost) when it is full."""
        if self._lost:
            return False
        try:
            self._queue.put_nowait(data)
        except asyncio.QueueFull:
            self.lose("too far behind")
            return False
        return True

    def lose(self, reason: str) -> None:
        if self._lost:
            return
        self._lost = True
        if self._queue.full():
            self._queue.get_nowait()  # room for the marker; the client refetches anyway
        self._queue.put_nowait(SubscriptionLostError(reason))

    def __aiter__(self) -> AsyncIterator[bytes]:
        return self._events()

    async def _events(self) -> AsyncIterator[bytes]:
        while True:
            item = await self._queue.get()
            if isinstance(item, SubscriptionLostError):
                raise item
            yield item


class Broadcaster:
    def __init__(self, redis: Redis, *, queue_size: int = 256) -> None:
        self._redis = redis
        self._queue_size = queue_size
        self._subscribers: defaultdict[str, set[Subscription]] = defaultdict(set)
        self._pubsub: PubSub | None = None
        self._reader: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()
        self._closed = asyncio.Event()

    async def start(self) -> None:
        self._reader = asyncio.create_task(self._read_forever(), name="pubsub-reader")

    async def close(self) -> None:
        self._closed.set()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
        if self._pubsub is not None:
            await self._pubsub.aclose()  # type: ignore[no-untyped-call]  # redis-py leaves it untyped

    def local_subscribers(self, channel: str) -> int:
        """How many subscribers in this process follow the channel now."""
        return len(self._subscribers.get(channel, ()))

    async def publish(self, channel: str, data: bytes) -> None:
        await self._redis.publish(channel, data)

    async def publish_hint(self, channel: str, data: bytes, *, kind: str) -> bool:
        """Publish a live event that is only a hint (what it names is stored already): when Redis is slow
        or down, log its kind and go on, so the write that caused it still succeeds (CRISIS-3).
        """
        try:
            async with asyncio.timeout(PUBLISH_TIMEOUT_SECONDS):
                await self.publish(channel, data)
        except (RedisError, OSError, TimeoutError) as error:
            logger.warning("live event not published (%s): %s", kind, type(error).__name__)
            return False
        return True

    @contextlib.asynccontextmanager
    async def subscribe(self, channel: str) -> AsyncIterator[Subscription]:
        """Events published to `channel` from now on, until the block exits."""
        subscription = Subscription(channel, self._queue_size)
        async with self._lock:
            first = not self._subscribers[channel]
            self._subscribers[channel].add(subscription)
            if first and self._pubsub is not None:
                await self._pubsub.subscribe(channel)
        try:
            yield subscription
        finally:
            await self._unsubscribe(subscription)

    async def _unsubscribe(self, subscription: Subscription) -> None:
        async with self._lock:
            local = self._subscribers[subscription.channel]
            local.discard(subscription)
            if not local:
                del self._subscribers[subscription.channel]
                if self._pubsub is not None:
                    with contextlib.suppress(RedisError, OSError):
                        await self._pubsub.unsubscribe(subscription.channel)

    async def _read_forever(self) -> None:
        while not self._closed.is_set():
            try:
                await self._connect()
                await self._read()
            except (RedisError, OSError) as error:
                if self._closed.is_set():
                    return
                logger.warning("pub/sub connection lost (%s); subscribers must refetch", type(error).__name__)
                self._lose_everyone("connection lost")
                await asyncio.sleep(_RECONNECT_DELAY_SECONDS)

    async def _connect(self) -> None:
        async with self._lock:
            if self._pubsub is not None:
                with contextlib.suppress(RedisError, OSError):
                    await self._pubsub.aclose()  # type: ignore[no-untyped-call]  # redis-py leaves it untyped
            self._pubsub = self._redis.pubsub(ignore_subscribe_messages=True)
            await self._pubsub.subscribe(_IDLE_CHANNEL, *self._subscribers)

    async def _read(self) -> None:
        assert self._pubsub is not None  # noqa: S101 - set by _connect just before
        while not self._closed.is_set():
            message = await self._pubsub.get_message(ignore_subscribe_messages=True, timeout=_READ_TIMEOUT_SECONDS)
            if message is None or message.get("type") != "message":
                continue
            channel = message["channel"].decode() if isinstance(message["channel"], bytes) else message["channel"]
            for subscription in list(self._subscribers.get(channel, ())):
                subscription.offer(message["data"])

    def _lose_everyone(self, reason: str) -> None:
        for subscriptions in self._subscribers.values():
            for subscription in subscriptions:
                subscription.lose(reason)
