"""Check-in tasks: beat's reminder tick, and the reminders of one group's scheduled check-in."""

from __future__ import annotations

from domain.checkins import remind_due as remind_due_groups
from domain.checkins import remind_group as remind_one_group
from infra.mongo.client import TRANSIENT_ERRORS
from schemas.tasks.checkins import REMIND_DUE, REMIND_GROUP, RemindGroup
from workers.app import app
from workers.runtime import run


@app.task(name=REMIND_DUE)
def remind_due() -> None:
    run(
        lambda rt: remind_due_groups(
            repos=rt.repos,
            queue=rt.queue,
            now=rt.clock.now(),
            batch=rt.settings.checkins.reminder_batch_size,
            expires=rt.settings.worker.tick_seconds,
        )
    )


# Retried only when the store was unreachable; the fan-out is idempotent, so a retry is harmless.
@app.task(
    name=REMIND_GROUP,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=2,
    retry_backoff_max=30,
    retry_jitter=True,
    max_retries=4,
)
def remind_group(group_id: str, occurrence_at: str) -> None:
    payload = RemindGroup.model_validate({"group_id": group_id, "occurrence_at": occurrence_at})
    run(
        lambda rt: remind_one_group(
            repos=rt.repos,
            queue=rt.queue,
            group_id=payload.group_id,
            occurrence=payload.occurrence_at,
            now=rt.clock.now(),
        )
    )
