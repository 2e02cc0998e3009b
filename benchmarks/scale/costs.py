"""The CPU one API request and one worker step cost their own process: a short run.

An API process and a worker process are CPU-bound at the peak (their database waits overlap),
so the capacity model needs the CPU each request or step takes in the process itself, not
the wall time on a shared machine. Measured as the calling thread's CPU time (`thread_time`):
the document store, Redis and the fake FCM run in other processes or threads and do not count.

- each main screen through the real API in-process (trusted documents, token already
  verified), median of 30 warm requests on the `http` data set;
- a group's reminder fan-out in-process (its reads, one insert and one enqueue per reminder),
  per group and per reminder, over the data set's groups (the whole process's CPU: the enqueue
  runs in a thread);
- one push (claim, read, decide, send to the fake FCM with firebase-admin, record), median
  over the fan-out's reminders. Celery's own overhead per task (1.3 to 2.2 ms, measured in
  `../shared/reference/measured-here.md`) comes on top.
"""

from __future__ import annotations

import asyncio
import contextlib
import statistics
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import firebase_admin
from firebase_admin import credentials

from benchmarks.commands import in_process_api
from benchmarks.dataset import generate
from benchmarks.screens import SCREENS, Screen
from benchmarks.stack import local_stack, settings_for
from benchmarks.tokens import import_users
from benchmarks.writer import Generated
from domain.checkins.reminders import remind_group
from domain.notifications.delivery import Pipeline, deliver
from domain.shares.anonymity import AnonymityKey
from infra.local.services import PROJECT_ID
from infra.mongo.client import Database, connect, create_client
from infra.mongo.repositories.registry import Repositories
from infra.push import PushSender, configure_fcm_url
from infra.queue import TaskQueue
from infra.settings import FirebaseSettings, PushSettings, Settings
from schemas.documents.devices import DeviceDocument, Platform
from tests.fixtures.fcm import serving_fake_fcm

SIZE = "http"
REPEATS = 30


@dataclass(frozen=True)
class Costs:
    screens: dict[str, tuple[float, float]]  # operation: (CPU ms, wall ms), medians
    fanout_group_ms: float
    fanout_reminder_ms: float
    push_ms: float
    push_wall_ms: float
    pushes: int


async def _timed(
    call: Callable[[], Awaitable[Any]], clock: Callable[[], float] = time.thread_time
) -> tuple[float, float]:
    """(CPU ms by `clock`, wall ms) of one call."""
    cpu, wall = clock(), time.perf_counter()
    await call()
    return (clock() - cpu) * 1000, (time.perf_counter() - wall) * 1000


async def _screens(settings: Settings, generated: Generated) -> dict[str, tuple[float, float]]:
    person = generated.pool[0]  # a lead of a group with history
    found = {}
    async with in_process_api(settings) as api:
        for screen in SCREENS:
            await api.call(screen, person, generated)  # warm: the token verified, caches filled

            async def once(s: Screen = screen) -> None:
                await api.call(s, person, generated)

            samples = [await _timed(once) for _ in range(REPEATS)]
            found[screen.operation] = (statistics.median(s[0] for s in samples),
                                       statistics.median(s[1] for s in samples))  # fmt: skip
    return found


@contextlib.asynccontextmanager
async def _pipeline(settings: Settings, repos: Repositories, folder: Path) -> AsyncIterator[Pipeline]:
    """A delivery pipeline sending to a fake FCM, as a worker process builds it."""
    with serving_fake_fcm(folder) as fake:
        configure_fcm_url(FirebaseSettings(fcm_url=fake.url))
        options = {"projectId": PROJECT_ID, "httpTimeout": 5}
        app = firebase_admin.initialize_app(credentials.Certificate(str(fake.credentials_file)), options, "costs")
        sender, queue = PushSender(app), TaskQueue(settings.worker)
        try:
            yield Pipeline(repos=repos, push=sender, queue=queue, settings=PushSettings(), lease=timedelta(minutes=5))
        finally:
            await sender.aclose()
            queue.close()
            await asyncio.to_thread(firebase_admin.delete_app, app)


async def _workers(settings: Settings) -> tuple[float, float, list[tuple[float, float]]]:
    """(CPU ms a group, CPU ms a reminder) of the fan-outs, and (CPU, wall) ms of each push."""
    client = create_client(settings.mongo, app_name="scale-costs")
    try:
        db = await connect(client, settings.mongo)
        repos, now = Repositories.over(db), datetime.now(UTC)
        await _phones(db, now)
        queue = TaskQueue(settings.worker)
        occurrence = now.replace(second=0, microsecond=0) - timedelta(minutes=5)
        await db.groups.update_many({}, {"$set": {"next_checkin_at": occurrence}})
        fanouts = [await _fan_out(repos, queue, raw["_id"], occurrence, now) async for raw in db.groups.find({})]
        queue.close()
        with tempfile.TemporaryDirectory(prefix="scale-costs-") as folder:
            async with _pipeline(settings, repos, Path(folder)) as pipeline:
                reminders = await db.notifications.find({"created_at": {"$gte": now}}).to_list(None)
                pushes = [await _timed(_delivery(pipeline, n, now)) for n in reminders]
    finally:
        await client.close()
    group_ms, reminder_ms = _split(fanouts)
    return group_ms, reminder_ms, pushes


async def _fan_out(
    repos: Repositories, queue: TaskQueue, group_id: str, occurrence: datetime, now: datetime
) -> tuple[float, int]:
    """(CPU ms, reminders written) of one group's fan-out: the whole process's CPU, since the
    enqueue runs in a thread (and there is no fake FCM here to leave out).
    """
    cpu = time.process_time()
    written = await remind_group(repos=repos, queue=queue, group_id=group_id, occurrence=occurrence, now=now)
    return (time.process_time() - cpu) * 1000, written


def _delivery(pipeline: Pipeline, notification: dict[str, Any], now: datetime) -> Callable[[], Awaitable[Any]]:
    async def push() -> None:
        await deliver(
            pipeline=pipeline, notification_id=notification["_id"], member_id=notification["member_id"], now=now
        )

    return push


def _split(fanouts: list[tuple[float, int]]) -> tuple[float, float]:
    """CPU ms a group (the mean) and a reminder (all of it over every reminder written): too few
    groups to tell the fixed part from the part that grows with the group, so both are given.
    """
    total = sum(f[0] for f in fanouts)
    return total / len(fanouts), total / max(sum(f[1] for f in fanouts), 1)


async def _phones(db: Database, now: datetime) -> None:
    """One phone per member and no quiet hours (as the fan-out benchmark does)."""
    await db.members.update_many({}, {"$set": {"preferences.quiet_hours_start": "00:00",
                                               "preferences.quiet_hours_end": "00:00"}})  # fmt: skip
    phones = [DeviceDocument(id=m["_id"], member_id=m["_id"], token=f"costs-{m['_id']}", platform=Platform.ANDROID,
                             locale="en-GB", last_seen=now, created_at=now).to_mongo()
              async for m in db.members.find({}, {"_id": 1})]  # fmt: skip
    await db.devices.insert_many(phones)


async def _measure(settings: Settings) -> Costs:
    client = create_client(settings.mongo, app_name="scale-costs-generator")
    try:
        db = await connect(client, settings.mongo)
        key = AnonymityKey.of(settings.anonymity_key.get_secret_value())
        generated = await generate(db, size=SIZE, seed=8, key=key, now=datetime.now(UTC))
    finally:
        await client.close()
    import_users(settings.firebase, [person.uid for person in generated.pool])
    screens = await _screens(settings, generated)
    group_ms, reminder_ms, pushes = await _workers(settings)
    return Costs(screens, group_ms, reminder_ms, statistics.median(p[0] for p in pushes),
                 statistics.median(p[1] for p in pushes), len(pushes))  # fmt: skip


def run() -> Costs:
    with local_stack() as stack:
        return asyncio.run(_measure(settings_for(stack, "scale_costs")))


def table(costs: Costs) -> str:
    lines = ["| screen | CPU ms in the API process | wall ms (shared machine) |", "| --- | ---: | ---: |"]
    lines += [f"| {name} | {cpu:.1f} | {wall:.1f} |" for name, (cpu, wall) in costs.screens.items()]
    return (
        f"Medians of {REPEATS} warm requests, data set `{SIZE}`.\n\n" + "\n".join(lines) + "\n\n"
        f"Workers, in-process: a group's fan-out {costs.fanout_group_ms:.1f} ms of CPU on average, "
        f"{costs.fanout_reminder_ms:.2f} ms for each reminder written; one push {costs.push_ms:.1f} ms of CPU "
        f"({costs.push_wall_ms:.1f} ms wall), median of {costs.pushes}.\n"
    )
