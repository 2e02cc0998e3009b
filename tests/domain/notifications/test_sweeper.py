"""The sweeper: what is due goes to the queue again, each copy expiring after a tick."""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from redis.asyncio import Redis

from domain.notifications.service import notify
from domain.notifications.sweeper import sweep
from infra.queue import TaskQueue
from infra.settings import Settings, WorkerSettings
from schemas.documents.notifications import NotificationKind
from schemas.tasks.notifications import DELIVER
from tests.fixtures.app import RunningApi


@pytest.fixture
async def private_broker(settings: Settings) -> AsyncIterator[tuple[TaskQueue, Redis]]:
    """A broker database of this test's own, so what the sweep enqueues can be read and no worker takes it."""
    url = settings.worker.broker_url.rsplit("/", 1)[0] + "/8"
    queue, redis = TaskQueue(WorkerSettings(broker_url=url)), Redis.from_url(url)
    await redis.flushdb()
    yield queue, redis
    await redis.flushdb()
    queue.close()
    await redis.aclose()


async def test_a_notification_still_pending_is_enqueued_again_to_expire_within_a_tick(
    api: RunningApi, settings: Settings, private_broker: tuple[TaskQueue, Redis]
) -> None:
    # Given a notification written long ago whose task was lost (so the oldest due: first in the sweep)
    queue, redis = private_broker
    stored = await notify(
        repos=api.runtime.repos, queue=queue, member_id=f"m-{uuid.uuid4()}", kind=NotificationKind.CHECK_IN_REMINDER,
        dedupe_key=f"test:{uuid.uuid4()}", now=datetime(2000, 1, 1, tzinfo=UTC),
    )  # fmt: skip
    assert stored is not None
    await redis.delete("celery")

    # When the sweeper runs, one notification per read
    push = settings.push.model_copy(update={"sweep_batch_size": 1})
    count = await sweep(repos=api.runtime.repos, queue=queue, settings=push, now=datetime.now(UTC), expires=60.0)

    # Then its delivery is in the queue again, with an expiry
    messages = [json.loads(raw) for raw in await redis.lrange("celery", 0, -1)]
    assert count == len(messages) >= 1
    mine = [m for m in messages if json.loads(base64.b64decode(m["body"]))[1] == {"notification_id": stored.id}]
    assert [(m["headers"]["task"], m["headers"]["expires"] is not None) for m in mine] == [(DELIVER, True)]
