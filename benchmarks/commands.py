"""MongoDB commands per screen (DESIGN §8: exact and noise-free), through the real API
in-process, with a `CommandListener` on its client.
"""

from __future__ import annotations

import contextlib
import statistics
import threading
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
from asgi_lifespan import LifespanManager
from pymongo.monitoring import CommandFailedEvent, CommandListener, CommandStartedEvent, CommandSucceededEvent

from api.main import create_app
from benchmarks.screens import SCREENS, Screen, document_ids
from benchmarks.tokens import id_token
from benchmarks.writer import Generated, Person
from infra.settings import Settings

IGNORED = frozenset({"hello", "isMaster", "ping", "endSessions"})


@dataclass
class Counter(CommandListener):
    """Every command the API's client starts, by name."""

    commands: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def started(self, event: CommandStartedEvent) -> None:
        if event.command_name not in IGNORED:
            with self._lock:
                self.commands.append(event.command_name)

    def succeeded(self, event: CommandSucceededEvent) -> None:
        pass

    def failed(self, event: CommandFailedEvent) -> None:
        pass

    def since(self, start: int) -> list[str]:
        with self._lock:
            return self.commands[start:]


@dataclass
class Api:
    """The app in-process, its command counter, and the trusted documents' ids."""

    client: httpx.AsyncClient
    counter: Counter
    documents: dict[str, str]

    async def call(
        self, screen: Screen, person: Person, generated: Generated, *, token: str | None = None
    ) -> tuple[dict[str, Any], list[str]]:
        """The screen's response for `person` (with their usual token unless given), and the commands it sent."""
        start = len(self.counter.commands)
        response = await self.client.post(
            "/graphql",
            json=screen.body(person, generated, self.documents),
            headers={"Authorization": f"Bearer {token or id_token(person.uid)}"},
        )
        body: dict[str, Any] = response.json()
        if response.status_code != 200 or body.get("errors"):
            raise RuntimeError(f"{screen.operation} failed: {response.status_code} {body}")
        return body, self.counter.since(start)


@contextlib.asynccontextmanager
async def in_process_api(settings: Settings) -> AsyncIterator[Api]:
    counter = Counter()
    app = create_app(settings, mongo_listeners=[counter])
    async with LifespanManager(app, startup_timeout=120, shutdown_timeout=30):
        transport = httpx.ASGITransport(app, client=("127.0.0.1", 50_000))
        async with httpx.AsyncClient(transport=transport, base_url="http://api") as client:
            yield Api(client, counter, document_ids())


TIMED_REPEATS = 15


async def count_commands(api: Api, generated: Generated) -> tuple[dict[str, int], dict[str, float]]:
    """Commands per screen for the pool's first member (a lead of the feed's group), after a
    first request that verifies the token; and the median ms of 15 warm requests.
    """
    person = generated.pool[0]
    counts: dict[str, int] = {}
    millis: dict[str, float] = {}
    await api.call(SCREENS[0], person, generated)  # the token is verified once per process
    for screen in SCREENS:
        _, commands = await api.call(screen, person, generated)
        counts[screen.operation] = len(commands)
        times = []
        for _ in range(TIMED_REPEATS):  # the median of warm requests: one alone is noise on a shared machine
            started = time.perf_counter()
            await api.call(screen, person, generated)
            times.append((time.perf_counter() - started) * 1000)
        millis[screen.operation] = statistics.median(times)
    return counts, millis


async def page_size_counts(api: Api, generated: Generated) -> dict[str, int]:
    """The feed's commands for pages of 5 and of 50 shares."""
    person, feed = generated.pool[0], next(screen for screen in SCREENS if screen.operation == "GroupFeed")
    counts: dict[str, int] = {}
    for first in (5, 50):
        _, commands = await api.call(_feed_page(feed, first), person, generated)
        counts[f"GroupFeed first {first}"] = len(commands)
    return counts


def _feed_page(feed: Screen, first: int) -> Screen:
    def variables(_: Generated, person: Person) -> dict[str, Any]:
        return {"groupId": person.group_id, "first": first}

    return Screen(feed.name, feed.operation, variables)
