"""The Celery app (`celery -A workers.app worker|beat`), configured so a crash loses nothing.

Late acks with reject-on-worker-lost redeliver a task whose process died; a Redis
restart or outage is waited out (workers/broker.py says how it once killed workers);
every task is idempotent, so running one twice is harmless. No result
backend: outcomes are recorded in MongoDB.
"""

from __future__ import annotations

from celery import Celery
from kombu import Queue

from infra.queue import QUEUES
from infra.settings import Settings, get_settings
from workers.beat import beat_schedule
from workers.broker import TRANSPORT

TASK_MODULES = [
    "workers.system.tasks",
    "workers.notifications.tasks",
    "workers.checkins.tasks",
    "workers.moderation.tasks",
    "workers.noticing.tasks",
    "workers.crisis.tasks",
    "workers.accounts.tasks",
    "workers.outreach.tasks",
    "workers.organisations.tasks",
    "workers.sessions.tasks",
]


def create_celery(settings: Settings) -> Celery:
    worker = settings.worker
    app = Celery("wellbeing", broker=worker.broker_url, include=TASK_MODULES)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_ignore_result=True,
        task_serializer="json",
        accept_content=["json"],
        task_time_limit=worker.task_time_limit_seconds,
        # The soft limit leaves the task time to clean up: 5 s, or half the limit when that is short.
        task_soft_time_limit=worker.task_time_limit_seconds - min(5, worker.task_time_limit_seconds // 2),
        # Every worker takes the queues in this order: a fan-out's routine pushes (the bulk queue)
        # only when no other task waits.
        task_queues=[Queue(name) for name in QUEUES],
        broker_transport_options={
            # Above the longest task plus its longest retry countdown, or Redis redelivers it (C3).
            "visibility_timeout": worker.visibility_timeout_seconds,
            "queue_order_strategy": "priority",
        },
        # kombu's Redis transport, mended: a Redis restart no longer kills a worker holding unacked tasks.
        broker_transport=TRANSPORT,
        worker_cancel_long_running_tasks_on_connection_loss=True,
        broker_connection_retry_on_startup=True,
        broker_connection_max_retries=None,  # however long Redis is away: never give up and exit
        worker_hijack_root_logger=False,
        enable_utc=True,
        timezone="UTC",
        beat_schedule=beat_schedule(worker),
    )
    return app


app = create_celery(get_settings())
