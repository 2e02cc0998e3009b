"""A real worker and beat run the tick; /readyz sees it."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from infra.mongo.client import Database
from infra.settings import Settings
from schemas.tasks.system import TICK
from tests.fixtures.workers import celery_processes


async def test_beat_ticks_and_a_worker_records_each_tick(
    settings: Settings, db: Database, http: httpx.AsyncClient, tmp_path: Path
) -> None:
    await db.worker_heartbeats.delete_one({"_id": TICK})
    started = datetime.now(UTC)

    with celery_processes(settings, tmp_path, beat=True, tick_seconds=1.0):
        heartbeat = None
        for _ in range(120):
            heartbeat = await db.worker_heartbeats.find_one({"_id": TICK})
            if heartbeat and heartbeat["runs"] >= 3:
                break
            await asyncio.sleep(0.5)

    logs = _tail_logs(tmp_path)
    assert heartbeat is not None, logs
    assert heartbeat["runs"] >= 3, logs
    assert started <= heartbeat["last_run_at"] <= datetime.now(UTC)
    assert heartbeat["hostname"]
    body = (await http.get("/readyz")).json()
    assert body["checks"]["workers"]["ok"] is True
    assert datetime.fromisoformat(body["checks"]["workers"]["last_tick_at"]) > datetime.now(UTC) - timedelta(minutes=1)


def _tail_logs(folder: Path) -> str:
    return "\n".join(path.read_text(errors="replace")[-2000:] for path in folder.glob("celery-*.log"))
