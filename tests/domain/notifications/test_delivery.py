"""One delivery run in process (no Celery), against the real store and the fake FCM: what it reads and
writes, exactly, and how a retry is held and then taken with the clock moved on.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from domain.notifications.delivery import Pipeline, deliver
from domain.notifications.service import notify
from infra.mongo.client import Database
from infra.push import PushSender
from infra.settings import PushSettings
from schemas.documents.notifications import NotificationKind, PushStatus
from tests.benchmarks.test_shard_routing import routes
from tests.factories.devices import no_quiet_hours, registered_device
from tests.factories.members import onboarded_member
from tests.fixtures.app import CommandCounter, GraphQLClient, RunningApi
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.fcm import FakeFcm, Reply


@pytest.fixture
def pipeline(api: RunningApi, push_sender: PushSender) -> Pipeline:
    settings = PushSettings(retry_base_seconds=1.0)
    return Pipeline(
        repos=api.runtime.repos,
        push=push_sender,
        queue=api.runtime.queue,
        settings=settings,
        lease=timedelta(minutes=2),
    )


async def test_a_first_delivery_costs_nine_commands_and_a_duplicate_one(
    api: RunningApi, gql: GraphQLClient, auth_emulator: AuthEmulator, fake_fcm: FakeFcm, pipeline: Pipeline,
    command_counter: CommandCounter,
) -> None:  # fmt: skip
    member = await onboarded_member(gql, auth_emulator)
    await no_quiet_hours(gql, member)
    phones = [await registered_device(gql, member), await registered_device(gql, member)]
    now = api.runtime.clock.now()
    sent = await notify(
        repos=api.runtime.repos, queue=api.runtime.queue, member_id=member.id, kind=NotificationKind.CHECK_IN_REMINDER,
        dedupe_key=f"test:{uuid.uuid4()}", params={"groupId": "group-test"}, now=now,
    )  # fmt: skip
    assert sent is not None

    with command_counter.recording() as first:
        status = await deliver(pipeline=pipeline, notification_id=sent.id, member_id=member.id, now=now)
    with command_counter.counting() as duplicate:
        again = await deliver(pipeline=pipeline, notification_id=sent.id, member_id=member.id, now=now)

    assert (status, again) == (PushStatus.SENT, None)
    # read, claim (latest, insert), mark sending, member, phones, the day's places (read, take one), outcome
    assert [next(iter(c)) for c in first] == [
        "find",
        "find",
        "insert",
        "update",
        "find",
        "find",
        "find",
        "insert",
        "update",
    ]
    assert duplicate == ["find"]
    # On a sharded cluster each reaches one shard: the notification by id and recipient, its claims
    # by notification, the day's places by member (infra/mongo/sharding.py).
    assert routes(first) == [
        "find devices: one shard", "find members: one shard", "find notifications: one shard",
        "find push_budgets: one shard", "find push_claims: one shard", "insert push_budgets: one shard",
        "insert push_claims: one shard", "update notifications: one shard", "update notifications: one shard",
    ]  # fmt: skip
    assert [len(fake_fcm.received(phone)) for phone in phones] == [1, 1]


async def test_a_429_is_held_until_its_retry_after_then_taken_by_the_next_run(
    api: RunningApi, gql: GraphQLClient, auth_emulator: AuthEmulator, fake_fcm: FakeFcm, pipeline: Pipeline,
    db: Database,
) -> None:  # fmt: skip
    member = await onboarded_member(gql, auth_emulator)
    await no_quiet_hours(gql, member)
    phone = await registered_device(gql, member)
    fake_fcm.script(phone, Reply.quota_exceeded(retry_after=30))
    now = api.runtime.clock.now()
    sent = await notify(
        repos=api.runtime.repos, queue=api.runtime.queue, member_id=member.id,
        kind=NotificationKind.JOIN_REQUEST_APPROVED, dedupe_key=f"test:{uuid.uuid4()}",
        params={"groupId": "group-test"}, now=now,
    )  # fmt: skip
    assert sent is not None

    assert await deliver(pipeline=pipeline, notification_id=sent.id, now=now) is PushStatus.DEFERRED
    held = await db.notifications.find_one({"_id": sent.id})
    assert held is not None
    assert held["push"]["not_before"] == now + timedelta(seconds=30)  # Retry-After beats the 1 s backoff
    assert (held["push"]["attempts"], held["push"]["last_error"], held["push"]["claim"]) == (1, "quota_exceeded", None)
    assert await deliver(pipeline=pipeline, notification_id=sent.id, now=now + timedelta(seconds=29)) is None

    later = now + timedelta(seconds=30)
    assert await deliver(pipeline=pipeline, notification_id=sent.id, now=later) is PushStatus.SENT
    stored = await db.notifications.find_one({"_id": sent.id})
    assert stored is not None
    assert (stored["push"]["attempts"], stored["push"]["sent_at"], stored["push"]["last_error"]) == (2, later, None)
    assert [r.status for r in fake_fcm.received(phone)] == [429, 200]
    claims = await db.push_claims.find({"notification_id": sent.id}).sort("number").to_list(None)
    assert [c["number"] for c in claims] == [1, 2]
