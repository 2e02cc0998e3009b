"""Notification tasks: deliver one to the member's phones, and beat's sweep of what is due."""

from __future__ import annotations

from domain.notifications import deliver as deliver_notification
from domain.notifications import sweep as sweep_due
from infra.mongo.client import TRANSIENT_ERRORS
from schemas.tasks.notifications import DELIVER, SWEEP, DeliverNotification
from workers.app import app
from workers.runtime import run


# Only a lost connection to the store is worth Celery's own retry; FCM's answers
# are handled inside, and recorded in the notification. Countdowns stay short
# (at most 30 s), far below the visibility timeout; the sweeper is the backstop.
@app.task(
    name=DELIVER,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=2,
    retry_backoff_max=30,
    retry_jitter=True,
    max_retries=4,
)
def deliver(notification_id: str, member_id: str | None = None) -> None:
    payload = DeliverNotification(notification_id=notification_id, member_id=member_id)
    run(
        lambda rt: deliver_notification(
            pipeline=rt.pipeline, notification_id=payload.notification_id, member_id=payload.member_id,
            now=rt.clock.now(),
        )
    )  # fmt: skip


@app.task(name=SWEEP)
def sweep() -> None:
    run(
        lambda rt: sweep_due(
            repos=rt.repos, queue=rt.queue, settings=rt.settings.push, now=rt.clock.now(),
            expires=rt.settings.worker.tick_seconds,
        )
    )  # fmt: skip
