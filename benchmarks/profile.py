"""The Python side of one screen, in-process (no network, FerretDB's time included but small here):
per-request time for warm and fresh tokens, and a pyinstrument profile of the hottest path.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

from pyinstrument import Profiler

from benchmarks.commands import Api
from benchmarks.screens import Screen
from benchmarks.tokens import id_token
from benchmarks.writer import Generated, Person


@dataclass(frozen=True)
class Timed:
    """Median milliseconds per request, in-process."""

    warm: float
    fresh_token: float


async def timed(api: Api, screen: Screen, generated: Generated, *, calls: int = 30) -> float:
    """Median ms per call of `screen` across the pool (tokens already verified)."""
    people = readers(screen, generated)
    for person in people[:calls]:
        await api.call(screen, person, generated)
    samples = []
    for index in range(calls):
        started = time.perf_counter()
        await api.call(screen, people[index % len(people)], generated)
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


async def fresh_token_cost(api: Api, screen: Screen, generated: Generated, *, calls: int = 10) -> float:
    """Median ms of a call whose token this process has not verified yet (claims, then the
    revocation lookup on the emulator), for members not used before.
    """
    samples = []
    for generation, person in enumerate(generated.pool[:calls], start=1):
        token = id_token(person.uid, generation)  # not in the API's cache
        started = time.perf_counter()
        await api.call(screen, person, generated, token=token)
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


async def profile(api: Api, screen: Screen, generated: Generated, *, calls: int = 200) -> str:
    """pyinstrument's text report of `calls` requests of `screen`, every token verified beforehand
    (under load each token is verified once per process: the profile shows the steady state).
    """
    people = readers(screen, generated)
    for person in people[:calls]:
        await api.call(screen, person, generated)
    profiler = Profiler(interval=0.0005, async_mode="enabled")
    with profiler:
        for index in range(calls):
            await api.call(screen, people[index % len(people)], generated)
    return profiler.output_text(unicode=False, color=False, show_all=False)


def readers(screen: Screen, generated: Generated) -> list[Person]:
    """Who can open the screen: the feed group's share or session, its members; leadership, leads."""
    people = generated.pool
    if screen.feed_group:
        people = [person for person in people if person.group_id == generated.feed_group_id]
    return [person for person in people if person.leads] if screen.lead_only else people
