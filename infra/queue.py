"""Sending tasks to the workers by name, without importing the workers (DESIGN §3)."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from celery import Celery
from pydantic import BaseModel

from infra.settings import WorkerSettings

logger = logging.getLogger(__name__)

DEFAULT_QUEUE = "celery"
# One routine push per member of a fan-out (a group's reminders, a session's notices). Workers take
# it only when nothing else waits: at 19:00 tens of thousands of these would otherwise hold the
# next groups' fan-outs, an on-call page or a crisis follow-up behind them (issue 20's 100k run).
BULK_QUEUE = "bulk"
QUEUES = (DEFAULT_QUEUE, BULK_QUEUE)  # the order workers take them in (`queue_order_strategy`)


class TaskQueue:
    """A producer-only Celery app: it knows task names and payloads, not task code."""

    def __init__(self, settings: WorkerSettings) -> None:
        self._celery = Celery("wellbeing-producer", broker=settings.broker_url, set_as_current=False)
        self._celery.conf.broker_transport_options = {
            "visibility_timeout": settings.visibility_timeout_seconds,
            # Fail fast when the broker is down (kombu's default retries take about 6 s):
            # callers have already written their data, and a sweeper re-sends it.
            "max_retries": 1,
            "interval_start": 0,
            "interval_step": 0.2,
            "interval_max": 0.5,
        }
        self._celery.conf.broker_connection_retry_on_startup = False

    async def enqueue(
        self,
        task: str,
        payload: BaseModel | None = None,
        *,
        countdown: float | None = None,
        expires: float | None = None,
        bulk: bool = False,
    ) -> bool:
        """Send after the data is written. False if the broker is unreachable:
        the caller's data is already stored, and a sweeper re-sends what is due.
        A `countdown` must stay far below the visibility timeout (pitfall C3); a task
        still waiting `expires` seconds after it was sent is dropped by the worker.
        `bulk`: one of many alike (BULK_QUEUE), taken after every other task.
        """
        kwargs: dict[str, Any] = payload.model_dump(mode="json") if payload is not None else {}
        options: dict[str, Any] = {"countdown": countdown, "expires": expires}
        options["queue"] = BULK_QUEUE if bulk else DEFAULT_QUEUE
        try:
            await asyncio.to_thread(self._celery.send_task, task, kwargs=kwargs, retry=False, **options)
        except Exception:
            logger.warning("could not enqueue %s; it will be re-sent by its sweeper", task, exc_info=True)
            return False
        return True

    def close(self) -> None:
        self._celery.close()
