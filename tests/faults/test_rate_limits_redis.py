"""Rate limits across a Redis restart and outage (issue 13, item 5): for a minute after
Redis came back, stale pooled connections failed most requests (503 for invite codes) and
each failure switched limiting off for a few seconds. A failed call is tried once more on
a fresh connection; while Redis cannot be reached the process limits in memory.
"""

from __future__ import annotations

import asyncio
import uuid

from infra.rate_limits import BucketRate, Charge, TokenBuckets
from infra.redis import create_redis
from infra.settings import RateLimitSettings, RedisSettings
from tests.faults.conftest import PrivateServers

GUESSABLE = BucketRate(burst=1, per_minute=0.1)


def _charge(subject: str) -> Charge:
    return Charge(f"member:{subject}", "guessable:inviteRedeem", GUESSABLE)


async def test_after_a_redis_restart_every_request_is_counted_in_redis(private_servers: PrivateServers) -> None:
    redis = create_redis(RedisSettings(url=private_servers.settings().redis.url))
    # A generous timeout: this is about stale pooled connections, not a slow Redis on a busy machine.
    limits = RateLimitSettings(key_prefix=f"rl-{uuid.uuid4().hex[:8]}", redis_timeout_seconds=5.0)
    buckets = TokenBuckets(redis, limits)
    try:
        # Given a pool of connections, in use before Redis restarts
        assert await asyncio.gather(*(buckets.take([_charge(f"before-{n}")]) for n in range(40))) == [0.0] * 40
        private_servers.redis.stop()
        private_servers.redis.start()

        # When 40 people redeem an invite code at once, then each tries again
        first = await asyncio.gather(*(buckets.take([_charge(f"after-{n}")]) for n in range(40)))
        again = await asyncio.gather(*(buckets.take([_charge(f"after-{n}")]) for n in range(40)))

        # Then each first try went through and each second waits, counted in Redis itself
        assert first == [0.0] * 40
        assert all(590 < wait <= 600 for wait in again), again
        assert await redis.exists(*(buckets._key(_charge(f"after-{n}")) for n in range(40))) == 40
    finally:
        await redis.aclose()


async def test_while_redis_is_down_requests_are_limited_in_memory_never_unlimited(
    private_servers: PrivateServers,
) -> None:
    redis = create_redis(RedisSettings(url=private_servers.settings().redis.url, socket_timeout_seconds=0.5))
    buckets = TokenBuckets(redis, RateLimitSettings(redis_timeout_seconds=0.2, redis_retry_seconds=30))
    try:
        private_servers.redis.kill()

        waits = [await buckets.take([_charge("guesser")]) for _ in range(3)]
        other = await buckets.take([_charge("someone-else")])
    finally:
        await redis.aclose()

    # The burst of one, then ten minutes for the next token: the same rule as in Redis
    assert waits[0] == 0.0
    assert all(599 < wait <= 600 for wait in waits[1:]), waits
    assert other == 0.0
