"""Liveness and readiness for the load balancer and the orchestrator."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pymongo
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from api.runtime import ApiRuntime
from domain.system import worker_health

router = APIRouter()
_CHECK_TIMEOUT_SECONDS = 2.0


@router.get("/healthz", include_in_schema=False)
async def healthz() -> dict[str, str]:
    """The process is up and serving."""
    return {"status": "ok"}


@router.get("/readyz", include_in_schema=False)
async def readyz(request: Request) -> JSONResponse:
    """503 unless MongoDB and Redis answer. Stale workers are reported but do not
    take the API out of service: members can still check in, and the outbox
    keeps their notifications until a worker is back.
    """
    runtime: ApiRuntime = request.app.state.runtime
    mongo, redis = await asyncio.gather(_check_mongo(runtime), _check_redis(runtime))
    checks: dict[str, Any] = {"mongodb": mongo, "redis": redis, "workers": await _check_workers(runtime)}
    ready = mongo["ok"] and redis["ok"]
    body = {
        "status": ("ready" if checks["workers"]["ok"] else "degraded") if ready else "unavailable",
        "checks": checks,
    }
    return JSONResponse(body, status_code=200 if ready else 503)


async def _check_mongo(runtime: ApiRuntime) -> dict[str, Any]:
    try:
        with pymongo.timeout(_CHECK_TIMEOUT_SECONDS):
            await runtime.db.command("ping")
    except pymongo.errors.PyMongoError as error:
        return {"ok": False, "reason": type(error).__name__}
    return {"ok": True}


async def _check_redis(runtime: ApiRuntime) -> dict[str, Any]:
    try:
        await asyncio.wait_for(runtime.redis.ping(), _CHECK_TIMEOUT_SECONDS)
    except Exception as error:  # noqa: BLE001 - redis-py raises its own hierarchy; any failure means not ready
        return {"ok": False, "reason": type(error).__name__}
    return {"ok": True}


async def _check_workers(runtime: ApiRuntime) -> dict[str, Any]:
    stale_after = timedelta(seconds=runtime.settings.worker.stale_after)
    try:
        with pymongo.timeout(_CHECK_TIMEOUT_SECONDS):
            health = await worker_health(repos=runtime.repos, now=runtime.clock.now(), stale_after=stale_after)
    except pymongo.errors.PyMongoError as error:
        return {"ok": False, "reason": type(error).__name__}
    last = health.last_tick_at.isoformat() if health.last_tick_at else None
    return {"ok": health.healthy, "last_tick_at": last, "reason": health.reason}
