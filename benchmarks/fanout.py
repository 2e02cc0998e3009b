"""Workers at scale: every group's check-in falls due at once (say 19:00), beat's tick runs, and
real Celery workers (one prefork worker, 4 processes) write each member's reminder and push it
to the fake FCM (`infra/local/fake_fcm.py`). Timed from the tick to the last reminder written and
to the last push the fake received; commands counted for one group's fan-out in-process.

For the run, every member gets one phone and no quiet hours (the runs happen at any hour of the
night here); the daily cap (3) is not reached by one reminder.
"""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from benchmarks.commands import Counter
from domain.checkins.reminders import remind_due, remind_group
from domain.clock import SystemClock
from infra.local.fake_fcm import FakeFcm, serving_fake_fcm
from infra.local.services import REPO
from infra.mongo.client import Database, connect, create_client
from infra.mongo.repositories.registry import Repositories
from infra.queue import TaskQueue
from infra.settings import Settings
from schemas.documents.devices import DeviceDocument, Platform
from schemas.documents.notifications import NotificationKind

WORKER_PROCESSES = 4
STALL_SECONDS = 60.0  # no progress for this long: report what was reached


@dataclass(frozen=True)
class FanOut:
    """One fan-out: how many were due, and seconds from the tick to the last written and delivered."""

    members_due: int
    groups: int
    written: int
    delivered: int
    to_written: float
    to_delivered: float
    commands_per_group: dict[str, int]


@contextlib.contextmanager
def workers(env: dict[str, str], logs: Path) -> Iterator[None]:
    """One prefork Celery worker with WORKER_PROCESSES processes; warm shutdown on exit."""
    command = [sys.executable, "-m", "celery", "-A", "workers.app", "worker", "--pool=prefork"]
    command += [f"--concurrency={WORKER_PROCESSES}", "--loglevel=INFO"]
    with (logs / "celery.log").open("wb") as log:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    try:
        yield
    finally:
        process.terminate()
        process.wait(timeout=60)


async def measure(settings: Settings, env: dict[str, str]) -> FanOut:
    """Make every group due now, start the workers, tick, and wait for the last push."""
    with tempfile.TemporaryDirectory(prefix="bench-fanout-") as folder, serving_fake_fcm(Path(folder)) as fake:
        client = create_client(settings.mongo, app_name="bench-fanout")
        db = await connect(client, settings.mongo)
        try:
            due, groups = await _prepare(db, SystemClock().now())
            with workers(env | fake.env(), Path(folder)):
                await asyncio.sleep(8)  # the worker processes start and connect
                to_written, to_delivered, written = await _tick_and_wait(db, settings, fake, due)
            commands = await _one_group(settings)
        finally:
            await client.close()
    return FanOut(due, groups, written, len(fake.received()), to_written, to_delivered, commands)


async def _prepare(db: Database, now: datetime) -> tuple[int, int]:
    """Every group due a minute ago; one phone per member; no quiet hours. Members due (wanting reminders)."""
    occurrence = now.replace(second=0, microsecond=0) - timedelta(minutes=1)
    groups = await db.groups.update_many({}, {"$set": {"next_checkin_at": occurrence}})
    await db.members.update_many(
        {}, {"$set": {"preferences.quiet_hours_start": "00:00", "preferences.quiet_hours_end": "00:00"}}
    )
    await db.devices.delete_many({})
    batch = []
    async for member in db.members.find({}, {"_id": 1}):
        device = DeviceDocument(
            id=member["_id"], member_id=member["_id"], token=f"bench-phone-{member['_id']}", platform=Platform.ANDROID,
            locale="en-GB", last_seen=now, created_at=now,
        )  # fmt: skip
        batch.append(device.to_mongo())
        if len(batch) == 2_000:
            await db.devices.insert_many(batch, ordered=False)
            batch.clear()
    if batch:
        await db.devices.insert_many(batch, ordered=False)
    return await _members_due(db), groups.modified_count


async def _members_due(db: Database) -> int:
    """Active memberships of members who want reminders (a member in two groups gets two)."""
    wanting = {member["_id"] async for member in db.members.find({"preferences.reminders": True}, {"_id": 1})}
    return sum([membership["member_id"] in wanting async for membership in db.memberships.find({}, {"member_id": 1})])


async def _tick_and_wait(db: Database, settings: Settings, fake: FakeFcm, due: int) -> tuple[float, float, int]:
    started, tick = time.perf_counter(), SystemClock().now()
    queue = TaskQueue(settings.worker)
    try:
        await remind_due(repos=Repositories.over(db), queue=queue, now=tick, batch=200, expires=600)
    finally:
        queue.close()
    to_written = to_delivered = 0.0
    written, progress, last_change = 0, (-1, -1), time.perf_counter()
    reminders = {"kind": NotificationKind.CHECK_IN_REMINDER, "created_at": {"$gte": tick}}
    while not to_delivered and time.perf_counter() - last_change < STALL_SECONDS:
        await asyncio.sleep(1.0)
        if not to_written:
            written = await db.notifications.count_documents(reminders)
            to_written = time.perf_counter() - started if written >= due else 0.0
        delivered = len(fake.received())
        to_delivered = time.perf_counter() - started if delivered >= due else 0.0
        if (written, delivered) != progress:
            progress, last_change = (written, delivered), time.perf_counter()
            print(f"fan-out: {written} of {due} written, {delivered} delivered", flush=True)
    return to_written, to_delivered, written


async def _one_group(settings: Settings) -> dict[str, int]:
    """The commands of one group's fan-out, in-process, for a fresh occurrence."""
    counter = Counter()
    client = create_client(settings.mongo, app_name="bench-fanout-count", listeners=[counter])
    queue = TaskQueue(settings.worker)
    try:
        db = await connect(client, settings.mongo)
        group = await db.groups.find_one({"member_count": {"$gte": 20}})
        if group is None:
            return {}
        # Two hours back: within the answer window, and not the minute the timed run used.
        occurrence = SystemClock().now().replace(second=0, microsecond=0) - timedelta(hours=2)
        await db.groups.update_one({"_id": group["_id"]}, {"$set": {"next_checkin_at": occurrence}})
        start = len(counter.commands)
        repos, now = Repositories.over(db), SystemClock().now()
        await remind_group(repos=repos, queue=queue, group_id=group["_id"], occurrence=occurrence, now=now)
        commands = counter.since(start)
    finally:
        queue.close()
        await client.close()
    return {"members": int(group["member_count"])} | {name: commands.count(name) for name in sorted(set(commands))}
