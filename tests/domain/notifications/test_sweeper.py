"""The sweeper: what is due goes to the queue again, each copy expiring after a tick."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from redis.asyncio import Redis

from domain.notifications.service import notify
from domain.notifications.sweeper import sweep
from infra.queue import TaskQueue
from infra.settings import Settings
from schemas.documents.notifications import NotificationKind
from schemas.tasks.notifications import DELIVER
from tests.fixtures.app import RunningApi
from tests.fixtures.changes import queued_tasks


async def test_a_notification_still_pending_is_enqueued_again_to_expire_within_a_tick(
    api: RunningApi, settings: Settings, private_broker: tuple[TaskQueue, Redis]
) -> None:
    # Given a notification written long ago whose task was lost (so the oldest due: first in the sweep)
    queue, redis = private_broker
    stored = await notify(
        repos=api.runtime.repos, queue=queue, member_id=f"m-{uuid.uuid4()}", kind=NotificationKind.CHECK_IN_REMINDER,
        dedupe_key=f"test:{uuid.uuid4()}", params={"groupId": "group-test"}, now=datetime(2000, 1, 1, tzinfo=UTC),
    )  # fmt: skip
    assert stored is not None
    await redis.delete("celery")

    # When the sweeper runs, one notification per read
    push = settings.push.model_copy(update={"sweep_batch_size": 1})
    count = await sweep(repos=api.runtime.repos, queue=queue, settings=push, now=datetime.now(UTC), expires=60.0)

    # Then its delivery is in the queue again, with an expiry, naming its recipient (the shard key)
    tasks = await queued_tasks(redis)
    assert count == len(tasks) >= 1
    mine = [task for task in tasks if task.kwargs == {"notification_id": stored.id, "member_id": stored.member_id}]
    assert [(task.name, task.expires is not None) for task in mine] == [(DELIVER, True)]
