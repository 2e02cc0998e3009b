"""The workers' heartbeat: beat's tick records each run, /readyz reads it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from infra.mongo.repositories.registry import Repositories
from schemas.tasks.system import TICK


@dataclass(frozen=True)
class WorkerHealth:
    healthy: bool
    last_tick_at: datetime | None
    reason: str | None


async def record_tick(*, repos: Repositories, now: datetime, hostname: str) -> None:
    await repos.worker_heartbeats.record(TICK, at=now, hostname=hostname)


async def worker_health(*, repos: Repositories, now: datetime, stale_after: timedelta) -> WorkerHealth:
    """Healthy when a worker ran beat's tick within `stale_after`."""
    heartbeat = await repos.worker_heartbeats.get(TICK)
    if heartbeat is None:
        return WorkerHealth(healthy=False, last_tick_at=None, reason="no tick has run yet")
    age = now - heartbeat.last_run_at
    if age > stale_after:
        return WorkerHealth(False, heartbeat.last_run_at, f"last tick {int(age.total_seconds())}s ago")
    return WorkerHealth(healthy=True, last_tick_at=heartbeat.last_run_at, reason=None)
