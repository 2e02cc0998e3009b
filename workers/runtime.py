"""One event loop and one AsyncMongoClient per worker process, made after fork.

Tasks are plain functions that call `run(...)` with a coroutine function; the
loop lives as long as the process, so loop-bound clients stay valid (C1, C2,
M1). Opened on `worker_process_init` in prefork children, or lazily on first
use under the solo pool.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Awaitable, Callable
from contextlib import suppress
from dataclasses import dataclass
from typing import TypeVar

from celery.signals import worker_process_init, worker_process_shutdown

from domain.clock import Clock, SystemClock
from infra.logging import configure_logging
from infra.mongo.client import Client, Database, create_client
from infra.mongo.repositories.registry import Repositories
from infra.settings import Settings, get_settings

T = TypeVar("T")


@dataclass
class WorkerRuntime:
    settings: Settings
    loop: asyncio.AbstractEventLoop
    mongo: Client
    db: Database
    repos: Repositories
    clock: Clock
    hostname: str

    @classmethod
    def open(cls, settings: Settings) -> WorkerRuntime:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        mongo = create_client(settings.mongo, app_name="wellbeing-worker")
        db = mongo[settings.mongo.database]
        return cls(settings, loop, mongo, db, Repositories.over(db), SystemClock(), socket.gethostname())

    def run(self, work: Callable[[WorkerRuntime], Awaitable[T]]) -> T:
        """Run one task's coroutine; on a time limit or crash, cancel it so its
        `finally` blocks run before the exception reaches Celery.
        """
        task = self.loop.create_task(_as_coroutine(work(self)))
        try:
            return self.loop.run_until_complete(task)
        except BaseException:
            if not task.done():
                task.cancel()
                with suppress(BaseException):
                    self.loop.run_until_complete(task)
            raise

    def close(self) -> None:
        self.loop.run_until_complete(self.mongo.close())
        self.loop.close()


async def _as_coroutine(awaitable: Awaitable[T]) -> T:
    return await awaitable


_runtime: WorkerRuntime | None = None


def runtime() -> WorkerRuntime:
    global _runtime  # noqa: PLW0603 - one per process by design
    if _runtime is None:
        settings = get_settings()
        configure_logging(settings.log_level)
        _runtime = WorkerRuntime.open(settings)
    return _runtime


def run(work: Callable[[WorkerRuntime], Awaitable[T]]) -> T:
    return runtime().run(work)


@worker_process_init.connect
def _open_after_fork(**_: object) -> None:
    runtime()


@worker_process_shutdown.connect
def _close(**_: object) -> None:
    global _runtime  # noqa: PLW0603
    if _runtime is not None:
        _runtime.close()
        _runtime = None
