"""Workers at scale: one quiet-scan tick (issue 6) over many memberships of which a few are due.

Each case has a database of its own: `total` memberships in groups of 25 without a schedule, of
which `due` belong to members eight days without any activity (quiet after the default 7) and are
due now; the rest are next looked at tomorrow. One tick runs in-process with its commands counted.
The scan reads due memberships through the quiet_due index in pages, so its commands must track
`due`, not `total`. On FerretDB each of those reads, and each conditional write by `_id` and
state, still scans the collection (it pushes down `_id` alone), so its time grows with `total`
as well; on MongoDB the indexes bound it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from random import Random

from benchmarks.commands import Counter
from benchmarks.dataset import group_document, member_document
from benchmarks.writer import Generated, Writer, seeded_id
from domain.clock import SystemClock
from domain.noticing.quiet_scan import scan_quiet
from infra.mongo.client import connect, create_client
from infra.mongo.indexes import ensure_indexes
from infra.mongo.repositories.registry import Repositories
from infra.queue import TaskQueue
from infra.settings import Settings
from schemas.documents.memberships import GroupRole, MembershipDocument

GROUP_SIZE = 25
QUIET_FOR = timedelta(days=8)


@dataclass(frozen=True)
class QuietScan:
    """One tick: what was due among how many, what it did, and its commands and time."""

    total: int
    due: int
    evaluated: int
    started: int
    messages: int
    commands: dict[str, int]
    seconds: float
    seed_seconds: float

    @property
    def command_count(self) -> int:
        return sum(self.commands.values())


async def measure(settings: Settings, *, total: int, due: int) -> QuietScan:
    """Seed the case's database, then time and count one tick."""
    counter = Counter()
    client = create_client(settings.mongo, app_name="bench-quiet", listeners=[counter])
    queue = TaskQueue(settings.worker)
    try:
        db = await connect(client, settings.mongo)
        await ensure_indexes(db)
        now = SystemClock().now()
        seeding = time.perf_counter()
        await _seed(Writer(db, Generated(size=f"quiet-{total}")), total=total, due=due, now=now)
        seed_seconds = time.perf_counter() - seeding
        start, timing = len(counter.commands), time.perf_counter()
        outcome = await scan_quiet(repos=Repositories.over(db), queue=queue, now=now)
        seconds = time.perf_counter() - timing
        commands = counter.since(start)
    finally:
        queue.close()
        await client.close()
    return QuietScan(
        total=total, due=due, evaluated=outcome.evaluated, started=outcome.started, messages=outcome.messages,
        commands={name: commands.count(name) for name in sorted(set(commands))}, seconds=seconds,
        seed_seconds=seed_seconds,
    )  # fmt: skip


async def _seed(writer: Writer, *, total: int, due: int, now: datetime) -> None:
    """Groups of 25 without a schedule; the first `due` memberships quiet and due, with their
    members (adults, so nudges are on by default); the rest looked at tomorrow.
    """
    rng = Random(8)
    for index in range(-(-total // GROUP_SIZE)):
        group = group_document(rng, index, now).model_copy(
            update={"schedule": None, "next_checkin_at": None, "member_count": GROUP_SIZE, "free_slots": 5}
        )
        await writer.add("groups", group.to_mongo())
        for position in range(min(GROUP_SIZE, total - index * GROUP_SIZE)):
            number = index * GROUP_SIZE + position
            is_due = number < due
            member_id = seeded_id(rng)
            if is_due:
                member = member_document(rng, number, now, prefix="quiet").model_copy(
                    update={"id": member_id, "date_of_birth": now.date().replace(year=now.year - 30)}
                )
                await writer.add("members", member.to_mongo())
            membership = MembershipDocument(
                id=seeded_id(rng), group_id=group.id, member_id=member_id, role=GroupRole.MEMBER,
                joined_at=now - QUIET_FOR if is_due else now - timedelta(days=1),
                next_evaluation_at=now - timedelta(minutes=1) if is_due else now + timedelta(days=1),
            )  # fmt: skip
            await writer.add("memberships", membership.to_mongo())
    await writer.close()
