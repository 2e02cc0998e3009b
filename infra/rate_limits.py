"""Token buckets in Redis, taken atomically by one Lua script per request.

Each bucket is one key holding the time (Redis's clock, in ms) at which it
will be full again: the GCRA form of a token bucket, so one number per bucket
and no clock skew between API replicas. One call checks every bucket a request
draws on and takes from all of them or from none.

Why not a library: `limits` has no token bucket and takes one round trip per
limit; `pyrate-limiter` is built around waiting for capacity. This script is one
round trip for all of a request's buckets and returns the wait in the same call.

When Redis cannot be reached, the same buckets are kept in the process's memory
(`MemoryBuckets`): per process, so each replica allows the full rate during an
outage, but never no limit at all.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass

from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError

from infra.settings import RateLimitSettings

logger = logging.getLogger("infra.rate_limits")

# KEYS: the buckets. ARGV, three per key: ms between tokens, burst, cost.
# Returns 0 when taken, else the ms until the request would fit.
_TAKE = """
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local wait = 0
local full_at = {}
for i, key in ipairs(KEYS) do
  local interval = tonumber(ARGV[3 * i - 2])
  local burst = tonumber(ARGV[3 * i - 1])
  local cost = tonumber(ARGV[3 * i])
  local tat = math.max(tonumber(redis.call('GET', key) or 0), now)
  full_at[i] = tat + interval * cost
  local allowed_at = full_at[i] - interval * burst
  if allowed_at > now then wait = math.max(wait, allowed_at - now) end
end
if wait > 0 then return math.ceil(wait) end
for i, key in ipairs(KEYS) do
  redis.call('SET', key, string.format('%.0f', full_at[i]), 'PX', math.ceil(full_at[i] - now))
end
return 0
"""


@dataclass(frozen=True)
class BucketRate:
    burst: int
    per_minute: float

    @property
    def interval_ms(self) -> float:
        return 60_000 / self.per_minute


@dataclass(frozen=True)
class Charge:
    """`cost` tokens from the bucket `name` of `subject` (a member or an IP)."""

    subject: str
    name: str
    rate: BucketRate
    cost: int = 1


class TokenBuckets:
    """One per process. A call that fails on a connection (one from before a Redis restart)
    is tried once more on a fresh one; when Redis still cannot be reached, the process's
    memory holds the buckets for `redis_retry_seconds` before Redis is asked again, so an
    outage costs each request nothing rather than a timeout.
    """

    def __init__(self, redis: Redis, settings: RateLimitSettings) -> None:
        self._redis = redis
        self._script = redis.register_script(_TAKE)
        self._prefix = settings.key_prefix
        self._timeout = settings.redis_timeout_seconds
        self._retry_seconds = settings.redis_retry_seconds
        self._memory_until = 0.0
        self._memory = MemoryBuckets()

    async def take(self, charges: Sequence[Charge]) -> float:
        """Take every charge, or none: 0 when taken, else the seconds to wait."""
        if not charges:
            return 0.0
        keys = [self._key(charge) for charge in charges]
        if time.monotonic() >= self._memory_until:
            try:
                return await self._take_in_redis(keys, charges)
            except (RedisError, OSError, TimeoutError) as error:
                self._memory_until = time.monotonic() + self._retry_seconds
                logger.warning("rate limits held in memory for %ss: %s", self._retry_seconds, type(error).__name__)
        return self._memory.take(keys, charges)

    async def _take_in_redis(self, keys: list[str], charges: Sequence[Charge]) -> float:
        args = [value for charge in charges for value in _args(charge)]
        try:
            async with asyncio.timeout(self._timeout):
                wait_ms = await self._script(keys=keys, args=args)
        except (RedisConnectionError, ConnectionError):
            # A pooled connection from before a restart: drop the idle ones and try once on a fresh one.
            await self._redis.connection_pool.disconnect(inuse_connections=False)
            async with asyncio.timeout(self._timeout):
                wait_ms = await self._script(keys=keys, args=args)
        return int(wait_ms) / 1000

    def _key(self, charge: Charge) -> str:
        # Hashed, so Redis holds no member id or IP address; the braces keep one
        # subject's buckets in one Redis Cluster slot, as a multi-key script needs.
        digest = hashlib.sha256(charge.subject.encode()).hexdigest()[:32]
        return f"{self._prefix}:{{{digest}}}:{charge.name}"


def _args(charge: Charge) -> tuple[str, int, int]:
    return (repr(charge.rate.interval_ms), charge.rate.burst, charge.cost)


class MemoryBuckets:
    """The script's buckets in this process's memory, for while Redis cannot be reached.
    Full buckets are forgotten once there are many (a forgotten bucket is a full one).
    """

    def __init__(self, max_buckets: int = 100_000) -> None:
        self._max = max_buckets
        self._full_at: dict[str, float] = {}  # bucket key → when it is full again, in ms

    def take(self, keys: Sequence[str], charges: Sequence[Charge]) -> float:
        now = time.monotonic() * 1000
        if len(self._full_at) > self._max:
            self._full_at = {key: at for key, at in self._full_at.items() if at > now}
        full_at, wait = [], 0.0
        for key, charge in zip(keys, charges, strict=True):
            interval, tat = charge.rate.interval_ms, max(self._full_at.get(key, 0.0), now)
            full_at.append(tat + interval * charge.cost)
            # Written as the script does, but without adding and taking away the same float.
            wait = max(wait, tat + interval * (charge.cost - charge.rate.burst) - now)
        if wait > 0:
            return math.ceil(wait) / 1000
        self._full_at.update(zip(keys, full_at, strict=True))
        return 0.0


def retry_after_seconds(wait: float) -> int:
    """A wait as whole seconds for `Retry-After`: rounded up, at least 1."""
    return max(1, math.ceil(wait))
