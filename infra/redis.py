"""The API's Redis client (pub/sub, rate limits); the broker has its own connection."""

from __future__ import annotations

from redis.asyncio import Redis

from infra.settings import RedisSettings


def create_redis(settings: RedisSettings) -> Redis:
    return Redis.from_url(
        settings.url,
        socket_timeout=settings.socket_timeout_seconds,
        socket_connect_timeout=settings.socket_timeout_seconds,
        # A connection idle this long is pinged before use: after a Redis restart, the pool's
        # stale connections are replaced instead of failing the request that draws them.
        health_check_interval=5,
    )
