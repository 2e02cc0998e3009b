"""Push duplicates under worker kills (issue 13, item 6).

A real prefork worker (and beat, for the sweeper) sends `--pushes` notifications to the fake
FCM, which takes 0.25 s to answer so that kills land mid-send, while `--kills` SIGKILLs hit the
pool's children. Then, per (notification, phone): a wire duplicate is a second copy FCM accepted
(a run killed between FCM's answer and its write sends again); a visible duplicate is a copy
whose Android tag, collapse key or APNs collapse id differs from the first, which a phone would
show beside it. Private servers on free ports, in a temporary folder; results are written to
benchmarks/results/<date>-push-duplicates.md.

    uv run python -m benchmarks.duplicates                          # 300 pushes, 16 kills
    uv run python -m benchmarks.duplicates --pushes 60 --kills 4    # a short run
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from domain.clock import SystemClock
from domain.notifications.service import notify
from infra.local.services import REPO, MongoService, RedisService, free_port
from infra.mongo.client import Database, connect, create_client
from infra.mongo.indexes import ensure_indexes
from infra.mongo.repositories.registry import Repositories
from infra.queue import TaskQueue
from infra.settings import Environment, MongoSettings, RedisSettings, Settings, WorkerSettings
from schemas.documents.base import new_id
from schemas.documents.devices import DeviceDocument, Platform
from schemas.documents.members import Language, MemberDocument, Nation, Preferences
from schemas.documents.notifications import TERMINAL_STATUSES, NotificationKind
from tests.fixtures.fcm import FakeFcm, serving_fake_fcm
from tests.fixtures.workers import celery_processes, wait_until_ready
from tests.workers.notifications.support import children_of

RESULTS = Path(__file__).with_name("results")
PUSHES_PER_MEMBER = 3
# A killed run's claim lapses 7 s after it was taken (6 s limit, 1 s margin); the sweeper then sends again.
WORKER_ENV = {
    "PUSH_PENDING_GRACE_SECONDS": "2",
    "PUSH_RETRY_BASE_SECONDS": "0.5",
    "WORKER_TASK_TIME_LIMIT_SECONDS": "6",
    "WORKER_CLAIM_MARGIN_SECONDS": "1",
}


@dataclass(frozen=True)
class Outcome:
    pushes: int
    kills: int
    sent: int
    wire_duplicates: int
    visible_duplicates: int
    seconds: float


async def measure(*, pushes: int, kills: int, folder: Path) -> Outcome:
    mongo, redis = MongoService(port=free_port(), root=folder), RedisService(port=free_port(), root=folder)
    mongo.start()
    redis.start()
    settings = Settings(
        environment=Environment.TEST,
        mongo=MongoSettings(uri=mongo.uri, database="duplicates"),
        redis=RedisSettings(url=f"redis://127.0.0.1:{redis.port}/1"),
        worker=WorkerSettings(broker_url=f"redis://127.0.0.1:{redis.port}/0"),
    )
    client = create_client(settings.mongo, app_name="bench-duplicates")
    try:
        with serving_fake_fcm(folder) as fake:
            db = await connect(client, settings.mongo)
            await ensure_indexes(db)
            return await _run(settings, db, fake, folder, pushes=pushes, kills=kills)
    finally:
        await client.close()
        redis.stop()
        mongo.stop()


async def _run(settings: Settings, db: Database, fake: FakeFcm, folder: Path, *, pushes: int, kills: int) -> Outcome:
    tokens = await _members(db, pushes // PUSHES_PER_MEMBER)
    fake.delay_seconds = 0.25
    env = fake.env() | WORKER_ENV
    with celery_processes(settings, folder, beat=True, tick_seconds=1.0, concurrency=4, **env) as processes:
        wait_until_ready(folder)
        started = time.perf_counter()
        ids = await _notify(settings, db, tokens)
        killed = await _kill_while_sending(processes[0].pid, fake, kills=kills, pushes=len(ids))
        await _until_terminal(db, ids)
        seconds = time.perf_counter() - started
    sent = await db.notifications.count_documents({"_id": {"$in": ids}, "push.status": "sent"})
    wire, visible = _duplicates(fake, tokens)
    return Outcome(len(ids), killed, sent, wire, visible, seconds)


async def _members(db: Database, count: int) -> dict[str, str]:
    """Members with one phone each, no quiet hours and room under the daily cap: member id -> token."""
    now = SystemClock().now()
    preferences = Preferences(quiet_hours_start="00:00", quiet_hours_end="00:00", daily_push_cap=10)
    tokens = {}
    for _ in range(count):
        member = MemberDocument(
            id=new_id(), firebase_uid=f"bench-{uuid.uuid4()}", display_name="Sam", date_of_birth=date(1990, 1, 1),
            nation=Nation.ENGLAND, timezone="Europe/London", language=Language.EN, preferences=preferences,
            created_at=now, updated_at=now,
        )  # fmt: skip
        await db.members.insert_one(member.to_mongo())
        device = DeviceDocument(
            id=new_id(), member_id=member.id, token=f"bench-{uuid.uuid4()}", platform=Platform.ANDROID,
            locale="en-GB", last_seen=now, created_at=now,
        )  # fmt: skip
        await db.devices.insert_one(device.to_mongo())
        tokens[member.id] = device.token
    return tokens


async def _notify(settings: Settings, db: Database, tokens: dict[str, str]) -> list[str]:
    repos, queue = Repositories.over(db), TaskQueue(settings.worker)
    ids = []
    try:
        for member_id in tokens:
            for _ in range(PUSHES_PER_MEMBER):
                sent = await notify(
                    repos=repos, queue=queue, member_id=member_id, kind=NotificationKind.CHECK_IN_REMINDER,
                    dedupe_key=f"bench:{uuid.uuid4()}", now=SystemClock().now(),
                )  # fmt: skip
                assert sent is not None
                ids.append(sent.id)
    finally:
        queue.close()
    return ids


async def _kill_while_sending(worker: int, fake: FakeFcm, *, kills: int, pushes: int) -> int:
    """SIGKILL one pool child each time another share of the pushes has reached FCM."""
    rng, killed = random.Random(13), 0  # which child dies: seeded, so runs are comparable
    for step in range(1, kills + 1):
        while len(fake.received()) < pushes * step // (kills + 1):  # noqa: ASYNC110 - the fake runs in a thread
            await asyncio.sleep(0.05)
        children = children_of(worker)
        if children:
            os.kill(rng.choice(children), signal.SIGKILL)
            killed += 1
    return killed


async def _until_terminal(db: Database, ids: list[str], within: float = 300.0) -> None:
    waiting = [status.value for status in TERMINAL_STATUSES]
    deadline = time.monotonic() + within
    while await db.notifications.count_documents({"_id": {"$in": ids}, "push.status": {"$nin": waiting}}):
        if time.monotonic() > deadline:
            raise RuntimeError(f"not every push ended within {within:.0f} s")
        await asyncio.sleep(0.5)


def _duplicates(fake: FakeFcm, tokens: dict[str, str]) -> tuple[int, int]:
    """Second accepted copies, and copies a phone would show beside the first."""
    copies: Counter[tuple[str, str]] = Counter()
    marks: dict[tuple[str, str], set[tuple[str | None, ...]]] = {}
    for token in tokens.values():
        for received in fake.received(token):
            if received.status != 200:
                continue
            pair = (received.notification_id, token)
            copies[pair] += 1
            collapse_key = received.message.get("android", {}).get("collapse_key")
            marks.setdefault(pair, set()).add((received.android_tag, collapse_key, received.apns_collapse_id))
    wire = sum(count - 1 for count in copies.values())
    visible = sum(len(seen) - 1 for seen in marks.values())
    return wire, visible


def write(outcome: Outcome) -> Path:
    today = SystemClock().now().date().isoformat()
    path = RESULTS / f"{today}-push-duplicates.md"
    load = os.getloadavg()[0]
    rate = 100 * outcome.wire_duplicates / outcome.pushes if outcome.pushes else 0.0
    path.write_text(
        f"# Push duplicates under worker kills, {today}\n\n"
        f"`uv run python -m benchmarks.duplicates --pushes {outcome.pushes} --kills {outcome.kills}` on this machine "
        f"(1-minute load average {load:.1f} at the end). A real prefork worker (4 processes) and beat; the fake FCM "
        "answers in 0.25 s. See the module's docstring for what each column counts.\n\n"
        "| Pushes | Kills | Sent | Wire duplicates | Rate | Visible duplicates | Seconds |\n"
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
        f"| {outcome.pushes} | {outcome.kills} | {outcome.sent} | {outcome.wire_duplicates} | {rate:.1f}% "
        f"| {outcome.visible_duplicates} | {outcome.seconds:.0f} |\n",
        encoding="utf-8",
    )
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--pushes", type=int, default=300)
    parser.add_argument("--kills", type=int, default=16)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-duplicates-") as folder:
        outcome = asyncio.run(measure(pushes=args.pushes, kills=args.kills, folder=Path(folder)))
    print(f"wrote {write(outcome)}", file=sys.stderr)
    return 0 if outcome.sent == outcome.pushes else 1


if __name__ == "__main__":
    os.chdir(REPO)
    sys.exit(main())
