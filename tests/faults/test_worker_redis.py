"""A Redis restart under a worker (issue 13, item 4): it used to kill a worker holding
unacknowledged tasks (kombu's `AttributeError: 'NoneType' object has no attribute
'hostname'`, see workers/broker.py). The worker must reconnect and go on consuming.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pymongo import AsyncMongoClient

from infra.queue import TaskQueue
from schemas.tasks.system import TICK
from tests.faults.conftest import PrivateServers
from tests.fixtures.workers import celery_processes, wait_until_ready
from tests.workers.notifications.support import eventually, tail_logs


async def _heartbeat(servers: PrivateServers) -> dict[str, Any] | None:
    async with AsyncMongoClient(servers.mongo.uri) as client:
        found: dict[str, Any] | None = await client[servers.database].worker_heartbeats.find_one({"_id": TICK})
        return found


async def test_a_worker_holding_unacknowledged_tasks_survives_a_redis_restart(
    private_servers: PrivateServers, tmp_path: Path
) -> None:
    settings = private_servers.settings()
    queue = TaskQueue(settings.worker)
    with celery_processes(settings, tmp_path, beat=False, concurrency=2) as [worker]:
        wait_until_ready(tmp_path)
        # Given a worker holding tasks it has taken but not finished: ticks due in a minute, as a
        # push retry's countdown holds them, while it waits on Redis for more
        for _ in range(3):
            assert await queue.enqueue(TICK, countdown=60)
        await eventually(lambda: (tmp_path / "celery-0.log").read_text().count("] received") >= 3, within=10)

        # When Redis restarts
        private_servers.redis.stop()
        private_servers.redis.start()

        # Then the worker is still there, and runs a task sent after the restart
        await eventually(lambda: queue.enqueue(TICK), within=10)
        heartbeat = await eventually(lambda: _heartbeat(private_servers), within=10, logs=tmp_path)
        alive = worker.poll() is None
    queue.close()

    assert alive, tail_logs(tmp_path)
    assert heartbeat["runs"] == 1
    assert "Unrecoverable error" not in tail_logs(tmp_path)
