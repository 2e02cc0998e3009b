"""The sweeper: beat's tick re-enqueues what is due, so nothing the outbox holds is left behind.

Three kinds of due: pending longer than a grace (its task was lost, e.g. the
broker was down when notify ran), deferred whose `not_before` has passed, and
sending whose claim lapsed (its worker died). Each is read through the
push_due index in batches, oldest first, and enqueued. The sweeper writes no
push state: on FerretDB, whose updates are query-then-write, a reset here
could overwrite a worker's newer state. So a notification stays due, and is
enqueued again each tick, until a worker has taken it; a delivery that finds
nothing to claim does nothing, so the duplicates cost one read each. Each copy
expires after a tick (the next sweep sends a fresh one), so a backlog larger
than the workers can take in a tick is not multiplied in the queue.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from infra.mongo.repositories.registry import Repositories
from infra.queue import TaskQueue
from infra.settings import PushSettings
from schemas.documents.notifications import PushStatus
from schemas.pagination import Keyset
from schemas.tasks.notifications import DELIVER, DeliverNotification

logger = logging.getLogger(__name__)

MAX_BATCHES_PER_STATUS = 20  # bounds one tick; what is left waits for the next


async def sweep(*, repos: Repositories, queue: TaskQueue, settings: PushSettings, now: datetime, expires: float) -> int:
    """Enqueue every due notification (up to a bound per tick), each task dropped if still waiting
    after `expires` seconds; how many were enqueued.
    """
    grace = timedelta(seconds=settings.pending_grace_seconds)
    batch = settings.sweep_batch_size
    enqueued = 0
    for status, before in ((PushStatus.PENDING, now - grace), (PushStatus.DEFERRED, now), (PushStatus.SENDING, now)):
        enqueued += await _sweep(repos, queue, status=status, before=before, batch=batch, expires=expires)
    await repos.push_budgets.purge_expired(now=now)
    await repos.push_claims.purge_expired(now=now)
    if enqueued:
        logger.info("sweeper re-enqueued %d notifications", enqueued)
    return enqueued


async def _sweep(
    repos: Repositories, queue: TaskQueue, *, status: PushStatus, before: datetime, batch: int, expires: float
) -> int:
    enqueued = 0
    after: Keyset | None = None
    for _ in range(MAX_BATCHES_PER_STATUS):
        due = await repos.notifications.due(status, before=before, limit=batch, after=after)
        for notification_id, _, member_id in due:
            payload = DeliverNotification(notification_id=notification_id, member_id=member_id)
            if not await queue.enqueue(DELIVER, payload, expires=expires):
                return enqueued  # the broker is down: they stay due, and the next sweep tries again
            enqueued += 1
        if len(due) < batch:
            break
        after = Keyset(value=due[-1][1], id=due[-1][0])
    return enqueued
