"""One event loop, one AsyncMongoClient and one firebase-admin App per worker process, made after fork.

Tasks are plain functions that call `run(...)` with a coroutine function; the
loop lives as long as the process, so loop-bound clients stay valid (C1, C2,
M1), among them firebase-admin's httpx client for `send_each_async` (FB4).
Opened on `worker_process_init` in prefork children, or lazily on first use
under the solo pool.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Awaitable, Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import timedelta
from typing import TypeVar

from celery.signals import worker_process_init, worker_process_shutdown
from redis.asyncio import Redis

from domain.clock import Clock, SystemClock
from domain.notifications import Pipeline, Texting
from domain.organisations import Pager
from infra.email import EmailSender
from infra.firebase import FirebaseAccounts, get_or_create_app
from infra.logging import configure_logging
from infra.mongo.client import Client, Database, create_client
from infra.mongo.repositories.registry import Repositories
from infra.phones import PhoneVault
from infra.pubsub import Broadcaster
from infra.push import PushSender, configure_fcm_url
from infra.queue import TaskQueue
from infra.redis import create_redis
from infra.settings import Settings, get_settings
from infra.sms import TextSender

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
    queue: TaskQueue
    push: PushSender
    accounts: FirebaseAccounts
    redis: Redis  # live feed events a task publishes (a removal looks as an author's delete does)
    texts: TextSender

    @classmethod
    def open(cls, settings: Settings) -> WorkerRuntime:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        mongo = create_client(settings.mongo, app_name="wellbeing-worker")
        db = mongo[settings.mongo.database]
        configure_fcm_url(settings.firebase)
        firebase = get_or_create_app(settings.firebase)
        return cls(
            settings, loop, mongo, db, Repositories.over(db), SystemClock(), socket.gethostname(),
            TaskQueue(settings.worker), PushSender(firebase), FirebaseAccounts(firebase), create_redis(settings.redis),
            TextSender(settings.text),
        )  # fmt: skip

    @property
    def broadcaster(self) -> Broadcaster:
        """For publishing only: a worker follows no feed."""
        return Broadcaster(self.redis)

    @property
    def pager(self) -> Pager:
        settings = self.settings
        return Pager(
            repos=self.repos, queue=self.queue, email=EmailSender(settings.email),
            platform_address=settings.email.platform_safeguarding_address,
            batch_size=settings.safeguarding.page_batch_size,
            email_claim=timedelta(seconds=settings.safeguarding.email_claim_seconds),
        )  # fmt: skip

    @property
    def pipeline(self) -> Pipeline:
        # A claim outlives the hard time limit of the task that made it: it lapses only when that task is surely dead.
        worker = self.settings.worker
        lease = timedelta(seconds=worker.task_time_limit_seconds + worker.claim_margin_seconds)
        texting = Texting(self.texts, PhoneVault(self.settings.text.phone_key.get_secret_value()), self.settings.text)
        return Pipeline(
            repos=self.repos,
            push=self.push,
            queue=self.queue,
            settings=self.settings.push,
            lease=lease,
            texting=texting,
        )

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
        self.queue.close()
        self.loop.run_until_complete(self.push.aclose())
        self.loop.run_until_complete(self.texts.aclose())
        self.loop.run_until_complete(self.redis.aclose())
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
