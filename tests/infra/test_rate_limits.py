"""Token buckets against the real Redis: burst, refill, all-or-none, and outages."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from infra.rate_limits import BucketRate, Charge, TokenBuckets
from infra.redis import create_redis
from infra.settings import RateLimitSettings, RedisSettings
from tests.fixtures.services import ServiceEnv

PER_SECOND = BucketRate(burst=2, per_minute=60)


@pytest.fixture
async def redis(services: ServiceEnv) -> AsyncIterator[Redis]:
    client = create_redis(RedisSettings(url=f"{services.redis_base}/1"))
    yield client
    await client.aclose()


@pytest.fixture
def buckets(redis: Redis) -> TokenBuckets:
    return TokenBuckets(redis, RateLimitSettings(key_prefix=f"test-{uuid.uuid4().hex}"))


async def test_a_bucket_gives_its_burst_then_says_how_long_to_wait(buckets: TokenBuckets) -> None:
    charge = Charge("member:a", "member", PER_SECOND)
    assert [await buckets.take([charge]) for _ in range(2)] == [0.0, 0.0]
    wait = await buckets.take([charge])
    assert 0.9 < wait <= 1.0
    assert await buckets.take([Charge("member:b", "member", PER_SECOND)]) == 0.0


async def test_a_bucket_refills_at_its_rate(buckets: TokenBuckets) -> None:
    charge = Charge("member:a", "member", BucketRate(burst=1, per_minute=600))  # a token every 0.1 s
    assert await buckets.take([charge]) == 0.0
    assert await buckets.take([charge]) > 0
    await asyncio.sleep(0.15)
    assert await buckets.take([charge]) == 0.0


async def test_a_request_takes_from_all_its_buckets_or_from_none(buckets: TokenBuckets) -> None:
    general = Charge("member:a", "member", PER_SECOND)
    strict = Charge("member:a", "sensitive:shareCreate", BucketRate(burst=1, per_minute=1))
    assert await buckets.take([general, strict]) == 0.0
    # The strict bucket is empty: nothing is taken, so the general one still has a token.
    assert 59 < await buckets.take([general, strict]) <= 60
    assert await buckets.take([general]) == 0.0
    assert await buckets.take([general]) > 0


async def test_a_cost_above_one_counts_each_occurrence(buckets: TokenBuckets) -> None:
    strict = BucketRate(burst=3, per_minute=1)
    assert await buckets.take([Charge("member:a", "guessable:inviteRedeem", strict, cost=3)]) == 0.0
    assert await buckets.take([Charge("member:a", "guessable:inviteRedeem", strict)]) > 0


async def test_keys_hold_no_member_id_and_expire_once_full(buckets: TokenBuckets, redis: Redis) -> None:
    prefix = buckets._prefix
    await buckets.take([Charge("member:firebase-uid-123", "member", PER_SECOND)])
    [key] = await redis.keys(f"{prefix}:*")
    assert b"firebase-uid-123" not in key
    assert key.endswith(b":member")
    assert 0 < await redis.pttl(key) <= 1_000  # full again one interval after a single token


async def test_an_unanswering_redis_is_given_up_on_quickly_and_memory_limits_in_its_place() -> None:
    # A server that accepts connections and never answers.
    accepted: list[asyncio.StreamWriter] = []
    server = await asyncio.start_server(lambda _, writer: accepted.append(writer), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    redis = create_redis(RedisSettings(url=f"redis://127.0.0.1:{port}/0"))
    buckets = TokenBuckets(redis, RateLimitSettings(redis_timeout_seconds=0.2, redis_retry_seconds=30))
    charge = Charge("member:a", "member", PER_SECOND)
    try:
        started = time.monotonic()
        first = await buckets.take([charge])
        waited = time.monotonic() - started
        # Redis is not asked again for a while: the burst of two, then a second's wait, from memory
        second, third = await buckets.take([charge]), await buckets.take([charge])
    finally:
        await redis.aclose()
        for writer in accepted:
            writer.close()
        server.close()
        await server.wait_closed()
    assert (first, second) == (0.0, 0.0)
    assert 0.9 < third <= 1.0
    assert 0.15 < waited < 1.0
    assert len(accepted) == 1  # one connection, asked once
