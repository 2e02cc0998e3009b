"""The whole benchmark: data sets, command counts, in-process timing and profile, workers, then load."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from api.cli.migrate import migrate
from benchmarks import fanout, load, profile, quiet
from benchmarks.commands import count_commands, in_process_api, page_size_counts
from benchmarks.dataset import generate
from benchmarks.screens import SCREENS, screen
from benchmarks.stack import local_stack, process_env, settings_for
from benchmarks.tokens import import_users
from benchmarks.writer import Generated
from domain.shares.anonymity import AnonymityKey
from infra.local.services import LocalStack
from infra.mongo.client import connect, create_client
from infra.settings import Settings

# Every member-facing screen (issue 20), the crisis screen first: answered from memory, so its
# figures are the API's own cost. Each is also run at about half its peak for the p99.
LOADED = tuple(each.operation for each in SCREENS if each.member_facing)
# Profiled in-process: the slowest screens at the first load size (by their warm median).
PROFILED_COUNT = 3


@dataclass
class SizeResult:
    generated: Generated
    commands: dict[str, int]
    pages: dict[str, int]
    timed: dict[str, float]
    fresh_token_ms: float


@dataclass
class Results:
    started: datetime
    load_at_start: str = field(default_factory=load.load_average)
    load_at_end: str = ""
    sizes: dict[str, SizeResult] = field(default_factory=dict)
    profiles: dict[str, str] = field(default_factory=dict)  # by operation
    home_warm_ms: float = 0.0
    failures: list[str] = field(default_factory=list)
    fanouts: dict[str, fanout.FanOut] = field(default_factory=dict)
    quiet_scans: list[quiet.QuietScan] = field(default_factory=list)
    # By data set, then operation, then server ("bare", "stock", "ours").
    http: dict[str, dict[str, dict[str, load.Measured]]] = field(default_factory=dict)
    half_peak: dict[str, dict[str, load.Measured]] = field(default_factory=dict)  # by data set, then operation
    load_sizes: tuple[str, ...] = ()
    seconds: float = 0.0
    engine: str = ""


@dataclass(frozen=True)
class Plan:
    sizes: tuple[str, ...]
    fanout_sizes: tuple[str, ...]
    quiet_scans: tuple[tuple[int, int], ...]  # (memberships, of which due)
    load_sizes: tuple[str, ...]
    seconds: int
    workers: int
    profiles: bool = True


def run(plan: Plan) -> Results:
    """Everything in `plan`, on services of its own."""
    results, started = Results(started=datetime.now(UTC)), time.perf_counter()
    with local_stack() as stack:
        results.engine = stack.mongo.engine
        for size in plan.sizes:
            with _recorded(results, f"data set {size}"):
                profiled = plan.profiles and size == next(iter(plan.load_sizes), None)
                results.sizes[size] = asyncio.run(_size(stack, size, profiled=profiled, results=results))
        for size in plan.fanout_sizes:
            print(f"fan-out at {size}", flush=True)
            env = process_env(stack, _database(size))
            with _recorded(results, f"fan-out at {size}"):
                results.fanouts[size] = asyncio.run(fanout.measure(settings_for(stack, _database(size)), env))
        for total, due in plan.quiet_scans:
            print(f"quiet scan: {due:,} due of {total:,} memberships", flush=True)
            settings = settings_for(stack, f"bench_quiet_{total}_{due}")
            with _recorded(results, f"quiet scan, {due} due of {total}"):
                results.quiet_scans.append(asyncio.run(quiet.measure(settings, total=total, due=due)))
        for size in plan.load_sizes:
            with _recorded(results, f"HTTP load at {size}"):
                _load(stack, size, plan, results)
    results.seconds, results.load_at_end = time.perf_counter() - started, load.load_average()
    return results


@contextlib.contextmanager
def _recorded(results: Results, phase: str) -> Iterator[None]:
    """A phase that fails is reported as failed; what the others measured is kept."""
    try:
        yield
    except Exception as error:  # noqa: BLE001 - any failure is reported in the results file
        results.failures.append(f"{phase}: {type(error).__name__}: {error}")


def _database(size: str) -> str:
    return f"bench_{size}"


async def _size(stack: LocalStack, size: str, *, profiled: bool, results: Results) -> SizeResult:
    settings = settings_for(stack, _database(size))
    print(f"generating {size}", flush=True)
    generated = await _generate(settings, size)
    print(f"{size}: {generated.documents} documents in {generated.seconds:.0f} s", flush=True)
    import_users(settings.firebase, [person.uid for person in generated.pool])
    async with in_process_api(settings) as api:
        commands, timed = await count_commands(api, generated)
        pages = await page_size_counts(api, generated) if profiled else {}
        fresh = 0.0
        if profiled:
            results.home_warm_ms = await profile.timed(api, screen("Home"), generated)
            fresh = await profile.fresh_token_cost(api, screen("Home"), generated)
            for operation in sorted(timed, key=timed.__getitem__, reverse=True)[:PROFILED_COUNT]:
                results.profiles[operation] = await profile.profile(api, screen(operation), generated)
    return SizeResult(generated, commands, pages, timed, fresh)


async def _generate(settings: Settings, size: str) -> Generated:
    client = create_client(settings.mongo, app_name="bench-generator")
    try:
        db = await connect(client, settings.mongo)
        key = AnonymityKey.of(settings.anonymity_key.get_secret_value())
        generated = await generate(db, size=size, seed=8, key=key, now=datetime.now(UTC))
    finally:
        await client.close()
    await migrate(settings)  # the reference data, as a deploy applies it before the API starts
    return generated


def _load(stack: LocalStack, size: str, plan: Plan, results: Results) -> None:
    """Each screen against bare FastAPI, stock strawberry and ours, one after the other, same servers;
    then ours at about half its peak.
    """
    generated = results.sizes[size].generated
    results.load_sizes += (size,)
    http, half_peak = results.http.setdefault(size, {}), results.half_peak.setdefault(size, {})
    with load.servers(process_env(stack, _database(size)), plan.workers) as running:
        for operation in LOADED:
            http[operation] = _compare(running, operation, generated, plan.seconds)
        for operation in (each for each in LOADED if http[each]["ours"].rate):  # none when nothing answered
            ours = load.bodies(screen(operation), profile.readers(screen(operation), generated), generated, by_id=True)
            delay = 1000 * load.CONNECTIONS / (http[operation]["ours"].rate / 2)
            half_peak[operation] = load.wrk(running["ours"], ours, seconds=plan.seconds, delay_ms=delay)
            print(f"{operation} ours at half peak: {half_peak[operation]}", flush=True)


def _compare(
    running: dict[str, load.Server], operation: str, generated: Generated, seconds: int
) -> dict[str, load.Measured]:
    each = screen(operation)
    people = profile.readers(each, generated)
    by_id = load.bodies(each, people, generated, by_id=True)
    as_text = load.bodies(each, people, generated, by_id=False)
    measured = {}
    for name, pairs in (("bare", as_text), ("stock", as_text), ("ours", by_id)):
        server = running[name]
        load.wait_ready(server, pairs[0])
        if name != "bare":
            load.check(server, pairs)
        load.wrk(server, pairs, seconds=3)  # warm-up: every worker verifies the pool's tokens once
        measured[name] = load.wrk(server, pairs, seconds=seconds)
        print(f"{operation} {name}: {measured[name]}", flush=True)
    return measured


def results_path(started: datetime, name: str = "") -> Path:
    return Path(__file__).parent / "results" / f"{started:%Y-%m-%d}{'-' + name if name else ''}.md"
