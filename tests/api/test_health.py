"""/healthz and /readyz."""

from __future__ import annotations

import gc
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from asgi_lifespan import LifespanManager
from pymongo.errors import ServerSelectionTimeoutError

from api.main import create_app
from infra.local.services import free_port
from infra.mongo.client import Database
from infra.settings import MongoSettings, RedisSettings, Settings
from schemas.tasks.system import TICK
from tests.fixtures.app import in_process


async def test_healthz_says_the_process_is_up(http: httpx.AsyncClient) -> None:
    response = await http.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


async def test_readyz_is_ready_when_the_stores_answer_and_a_worker_ticked_recently(
    http: httpx.AsyncClient, db: Database
) -> None:
    now = datetime.now(UTC)
    await db.worker_heartbeats.update_one({"_id": TICK}, {"$set": {"last_run_at": now, "hostname": "w1"}}, upsert=True)

    response = await http.get("/readyz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    assert body["checks"]["mongodb"] == {"ok": True}
    assert body["checks"]["redis"] == {"ok": True}
    assert body["checks"]["workers"]["ok"] is True


@pytest.mark.parametrize(
    ("age", "reason"),
    [
        # Ticks every 60 s: a worker that stopped consuming is noticed within one interval and a quarter.
        (timedelta(seconds=80), "last tick 80s ago"),
        (timedelta(minutes=3, seconds=5), "last tick 185s ago"),
        (None, "no tick has run yet"),
    ],
)
async def test_readyz_reports_stale_workers_without_leaving_service(
    http: httpx.AsyncClient, db: Database, age: timedelta | None, reason: str
) -> None:
    await db.worker_heartbeats.delete_one({"_id": TICK})
    if age is not None:
        last = datetime.now(UTC) - age
        await db.worker_heartbeats.insert_one({"_id": TICK, "last_run_at": last, "hostname": "w1", "runs": 1})

    response = await http.get("/readyz")

    # Members can still check in: the outbox holds notifications until a worker returns.
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["workers"]["ok"] is False
    assert body["checks"]["workers"]["reason"].startswith(reason[:15])


async def test_readyz_is_503_with_the_reason_when_redis_is_unreachable(settings: Settings) -> None:
    broken = settings.model_copy(
        update={"redis": RedisSettings(url=f"redis://127.0.0.1:{free_port()}/1", socket_timeout_seconds=0.5)}
    )
    app = create_app(broken)
    async with in_process(app) as clients:
        client = clients()
        response = await client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["mongodb"] == {"ok": True}
    assert body["checks"]["redis"]["ok"] is False
    assert body["checks"]["redis"]["reason"] == "ConnectionError"


# PyMongo's async monitor leaks its socket when closed mid-connect to a dead port
# (pool_shared._async_create_connection): not ours, so scoped to this one test.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
async def test_the_api_refuses_to_start_without_mongodb(settings: Settings) -> None:
    unreachable = MongoSettings(
        uri=f"mongodb://127.0.0.1:{free_port()}/", server_selection_timeout_ms=300, timeout_ms=1000
    )
    app = create_app(settings.model_copy(update={"mongo": unreachable}))
    started = datetime.now(UTC)
    with pytest.raises(ServerSelectionTimeoutError):
        async with LifespanManager(app, startup_timeout=30):
            pass
    assert datetime.now(UTC) - started < timedelta(seconds=10)
    gc.collect()  # surface the leaked socket's warning here, under this test's filter
