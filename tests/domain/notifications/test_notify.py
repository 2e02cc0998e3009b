"""notify(): the outbox write comes first, repeats are harmless, a dead broker loses nothing."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from redis.asyncio import Redis

from domain.notifications.service import notify
from infra.local.services import free_port
from infra.mongo.client import Database
from infra.queue import TaskQueue
from infra.settings import Settings, WorkerSettings
from schemas.documents.notifications import NotificationKind, PushStatus
from tests.fixtures.app import RunningApi


async def test_a_notification_is_stored_then_its_delivery_enqueued_once(
    api: RunningApi, db: Database, settings: Settings
) -> None:
    broker = Redis.from_url(settings.worker.broker_url)
    queued_before = await broker.llen("celery")
    key = f"test:{uuid.uuid4()}"
    now = datetime.now(UTC).replace(microsecond=0)

    first = await notify(
        repos=api.runtime.repos, queue=api.runtime.queue, member_id="m-1",
        kind=NotificationKind.CHECK_IN_REMINDER, dedupe_key=key, now=now, params={"groupId": "g"},
    )  # fmt: skip
    again = await notify(
        repos=api.runtime.repos, queue=api.runtime.queue, member_id="m-1",
        kind=NotificationKind.CHECK_IN_REMINDER, dedupe_key=key, params={"groupId": "group-test"}, now=now,
    )  # fmt: skip

    assert first is not None
    assert again is None
    stored = await db.notifications.find({"dedupe_key": key}).to_list(None)
    assert len(stored) == 1
    assert stored[0]["_id"] == first.id
    assert stored[0]["push"]["status"] == PushStatus.PENDING
    assert stored[0]["params"] == {"groupId": "g"}
    assert await broker.llen("celery") == queued_before + 1
    await broker.aclose()


async def test_with_the_broker_down_the_notification_is_kept_pending(api: RunningApi, db: Database) -> None:
    dead = TaskQueue(WorkerSettings(broker_url=f"redis://127.0.0.1:{free_port()}/0"))
    key = f"test:{uuid.uuid4()}"

    stored = await notify(
        repos=api.runtime.repos, queue=dead, member_id="m-2",
        kind=NotificationKind.CHECK_IN_REMINDER, dedupe_key=key,
        params={"groupId": "group-test"}, now=datetime.now(UTC),
    )  # fmt: skip

    assert stored is not None
    raw = await db.notifications.find_one({"dedupe_key": key})
    assert raw is not None
    assert raw["push"]["status"] == PushStatus.PENDING  # the sweeper will enqueue it
    dead.close()
