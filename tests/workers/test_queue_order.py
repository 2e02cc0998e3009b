"""A fan-out's routine pushes wait in the bulk queue, and a worker takes every other task first: at
19:00 the next groups' fan-outs, an on-call page or a crisis follow-up must not queue behind tens of
thousands of reminders (issue 20's 100k run found them waiting there).
"""

from __future__ import annotations

from pathlib import Path

from redis.asyncio import Redis

from infra.mongo.client import Database
from infra.queue import BULK_QUEUE, DEFAULT_QUEUE, TaskQueue
from infra.settings import Settings
from schemas.documents.base import new_id
from schemas.tasks.notifications import DELIVER, DeliverNotification
from schemas.tasks.system import TICK
from tests.fixtures.workers import celery_processes
from tests.workers.notifications.support import eventually

PUSHES = 500


async def test_a_worker_takes_a_tick_sent_after_five_hundred_routine_pushes_before_them(
    settings: Settings, db: Database, tmp_path: Path
) -> None:
    queue, redis = TaskQueue(settings.worker), Redis.from_url(settings.worker.broker_url)
    try:
        await redis.delete(DEFAULT_QUEUE, BULK_QUEUE)
        await db.worker_heartbeats.delete_one({"_id": TICK})
        # Given a fan-out's pushes waiting (of notifications since gone: each a quick no-op), then a tick
        for _ in range(PUSHES):
            push = DeliverNotification(notification_id=new_id(), member_id=new_id())
            assert await queue.enqueue(DELIVER, push, bulk=True)
        assert await queue.enqueue(TICK)
        assert (await redis.llen(BULK_QUEUE), await redis.llen(DEFAULT_QUEUE)) == (PUSHES, 1)

        # When a worker starts
        with celery_processes(settings, tmp_path, beat=False):
            await eventually(lambda: db.worker_heartbeats.find_one({"_id": TICK}), within=60, logs=tmp_path)
            waiting_at_the_tick = await redis.llen(BULK_QUEUE)

            async def drained() -> bool:
                return await redis.llen(BULK_QUEUE) == 0

            await eventually(drained, within=120, logs=tmp_path)
    finally:
        queue.close()
        await redis.aclose()

    # Then the tick ran first, while (almost) every push still waited, and the pushes ran after
    assert waiting_at_the_tick >= PUSHES - 50
