"""A graphql-transport-ws client for the live subscriptions (the group feed, a thread), as the app uses it."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import websockets
from redis.asyncio import Redis
from websockets.asyncio.client import ClientConnection

from infra.pubsub import Broadcaster
from schemas.events import feed_channel
from tests.support.operations import app_operation


@dataclass
class LiveFeed:
    """One subscription on its own socket; `frames` keeps every frame received, raw, for the oracle."""

    socket: ClientConnection
    frames: list[str] = field(default_factory=list)

    async def next(self, *, within: float = 5.0) -> dict[str, Any]:
        """The next `next`, `error` or `complete` message (pings answered)."""
        deadline = time.monotonic() + within
        while True:
            raw = await asyncio.wait_for(self.socket.recv(), timeout=max(deadline - time.monotonic(), 0.01))
            text = raw if isinstance(raw, str) else raw.decode()
            self.frames.append(text)
            message: dict[str, Any] = json.loads(text)
            if message["type"] == "ping":
                await self.socket.send(json.dumps({"type": "pong"}))
                continue
            return message

    async def event(self, *, within: float = 5.0, field: str = "groupFeed") -> dict[str, Any]:
        """The next event's data; fails on anything else."""
        message = await self.next(within=within)
        assert message["type"] == "next", message
        data: dict[str, Any] = message["payload"]["data"][field]
        return data

    async def nothing(self, *, within: float = 0.5) -> None:
        """No message arrives for a while."""
        with contextlib.suppress(TimeoutError):
            message = await self.next(within=within)
            raise AssertionError(f"unexpected message: {message}")


@contextlib.asynccontextmanager
async def live_feed(
    ws_url: str, token: str, group_id: str, *, broadcaster: Broadcaster | None = None, redis: Redis | None = None
) -> AsyncIterator[LiveFeed]:
    """Connect, subscribe to GroupFeedLive, and (given the API's broadcaster and Redis) wait until
    the subscription is listening, so events published next are not missed.
    """
    live = subscribed(ws_url, token, "GroupFeedLive", {"groupId": group_id}, channel=feed_channel(group_id),
                      broadcaster=broadcaster, redis=redis)  # fmt: skip
    async with live as feed:
        yield feed


@contextlib.asynccontextmanager
async def subscribed(
    ws_url: str, token: str, operation: str, variables: dict[str, Any], *, channel: str,
    broadcaster: Broadcaster | None = None, redis: Redis | None = None,
) -> AsyncIterator[LiveFeed]:  # fmt: skip
    """Connect, subscribe to the app's `operation`, and (given the API's broadcaster and Redis) wait until
    it listens on `channel`, so events published next are not missed.
    """
    async with websockets.connect(ws_url, subprotocols=[websockets.Subprotocol("graphql-transport-ws")]) as socket:
        await socket.send(json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}}))
        assert json.loads(await socket.recv()) == {"type": "connection_ack"}
        before = broadcaster.local_subscribers(channel) if broadcaster else 0
        payload = {"query": app_operation(operation), "variables": variables, "operationName": operation}
        await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
        feed = LiveFeed(socket)
        if broadcaster is not None and redis is not None:
            await _listening(broadcaster, redis, channel, before + 1)
        yield feed


async def _listening(broadcaster: Broadcaster, redis: Redis, channel: str, local: int) -> None:
    for _ in range(500):
        [(_, remote)] = await redis.pubsub_numsub(channel)
        if broadcaster.local_subscribers(channel) >= local and remote >= 1:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"{channel} is not listened to")
