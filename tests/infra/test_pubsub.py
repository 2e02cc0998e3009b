"""One subscriber connection per process, fanning out across processes."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from infra.pubsub import Broadcaster, Subscription, SubscriptionLostError
from infra.redis import create_redis
from infra.settings import Settings


@pytest.fixture
async def two_processes(settings: Settings) -> AsyncIterator[tuple[Broadcaster, Broadcaster]]:
    """Two broadcasters with their own Redis clients, as two API processes have."""
    clients = [Redis.from_url(settings.redis.url) for _ in range(2)]
    broadcasters = [Broadcaster(client, queue_size=3) for client in clients]
    for broadcaster in broadcasters:
        await broadcaster.start()
    yield broadcasters[0], broadcasters[1]
    for broadcaster, client in zip(broadcasters, clients, strict=True):
        await broadcaster.close()
        await client.aclose()


async def _next(subscription: Subscription) -> bytes:
    return await asyncio.wait_for(anext(aiter(subscription)), timeout=5)


async def _wait_for_subscribers(redis: Redis, channel: str, expected: int) -> None:
    for _ in range(200):
        [(_, count)] = await redis.pubsub_numsub(channel)
        if count == expected:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"{channel} has {count} subscribers, not {expected}")


async def test_an_event_published_in_one_process_reaches_subscribers_in_both(
    two_processes: tuple[Broadcaster, Broadcaster], redis: Redis
) -> None:
    first, second = two_processes
    channel = f"test:{uuid.uuid4()}"
    async with first.subscribe(channel) as a, first.subscribe(channel) as b, second.subscribe(channel) as c:
        await _wait_for_subscribers(redis, channel, 2)  # one connection per process, not per subscriber
        await second.publish(channel, b"hello")
        assert [await _next(s) for s in (a, b, c)] == [b"hello"] * 3
        await _wait_for_subscribers(redis, channel, 2)
    await _wait_for_subscribers(redis, channel, 0)


async def test_the_channel_stays_subscribed_while_any_local_subscriber_remains(
    two_processes: tuple[Broadcaster, Broadcaster], redis: Redis
) -> None:
    first, _ = two_processes
    channel = f"test:{uuid.uuid4()}"
    async with first.subscribe(channel) as staying:
        async with first.subscribe(channel):
            pass
        await first.publish(channel, b"still here")
        assert await _next(staying) == b"still here"


async def test_a_subscriber_that_falls_behind_is_told_to_refetch(
    two_processes: tuple[Broadcaster, Broadcaster],
) -> None:
    first, _ = two_processes
    channel = f"test:{uuid.uuid4()}"
    async with first.subscribe(channel) as slow:
        await asyncio.sleep(0.05)
        for index in range(5):
            await first.publish(channel, str(index).encode())
        received: list[bytes] = []

        async def drain() -> None:
            async for event in slow:
                received.append(event)

        with pytest.raises(SubscriptionLostError):
            await drain()
        assert received == [b"1", b"2"]  # the queue held 3; the oldest made room for the marker


async def test_subscribers_survive_idle_time_on_the_apps_own_redis_client(settings: Settings) -> None:
    # The reader reads in bounded slices; a quiet channel longer than the
    # client's socket timeout must not cost anyone their subscription.
    client = create_redis(settings.redis)
    broadcaster = Broadcaster(client)
    await broadcaster.start()
    channel = f"test:{uuid.uuid4()}"
    try:
        async with broadcaster.subscribe(channel) as subscription:
            await asyncio.sleep(settings.redis.socket_timeout_seconds + 1.5)
            await broadcaster.publish(channel, b"after a quiet spell")
            assert await _next(subscription) == b"after a quiet spell"
    finally:
        await asyncio.wait_for(broadcaster.close(), timeout=5)  # shutdown never hangs
        await client.aclose()
