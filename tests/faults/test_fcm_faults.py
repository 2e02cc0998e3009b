"""FCM failing (issue 13, item 6), through firebase-admin's real HTTP path to our fake FCM:
an outage with Retry-After is one request per attempt of ours, held for its Retry-After;
an answer lost to a timeout is sent again as the same notification to the phone.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta

import firebase_admin
import pytest
from firebase_admin import credentials

from domain.notifications.delivery import Pipeline, deliver
from domain.notifications.service import notify
from infra.local.services import PROJECT_ID
from infra.mongo.client import Database
from infra.push import PushSender
from infra.settings import PushSettings
from schemas.documents.notifications import NotificationKind, PushStatus
from schemas.push import PushMessage, SendOutcome
from tests.factories.devices import no_quiet_hours, registered_device
from tests.factories.members import onboarded_member
from tests.fixtures.app import GraphQLClient, RunningApi
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.fcm import FakeFcm, Received, Reply
from tests.workers.notifications.support import eventually


@pytest.fixture
async def impatient_sender(fake_fcm: FakeFcm, push_sender: PushSender) -> AsyncIterator[PushSender]:
    """A sender of its own that waits 0.3 s for FCM (push_sender has pointed firebase-admin at the fake)."""
    options = {"projectId": PROJECT_ID, "httpTimeout": 0.3}
    certificate = credentials.Certificate(str(fake_fcm.credentials_file))
    app = firebase_admin.initialize_app(certificate, options, name=f"impatient-{uuid.uuid4().hex[:8]}")
    sender = PushSender(app)
    yield sender
    await sender.aclose()
    await asyncio.to_thread(firebase_admin.delete_app, app)


async def test_an_fcm_outage_is_one_request_per_attempt_each_held_for_its_retry_after(
    api: RunningApi, gql: GraphQLClient, auth_emulator: AuthEmulator, fake_fcm: FakeFcm, push_sender: PushSender,
    db: Database,
) -> None:  # fmt: skip
    member = await onboarded_member(gql, auth_emulator)
    await no_quiet_hours(gql, member)
    phone = await registered_device(gql, member)
    fake_fcm.always(phone, Reply.unavailable(retry_after=30))
    pipeline = Pipeline(
        repos=api.runtime.repos, push=push_sender, queue=api.runtime.queue,
        settings=PushSettings(retry_base_seconds=1.0, max_attempts=3), lease=timedelta(minutes=2),
    )  # fmt: skip
    now = api.runtime.clock.now()
    sent = await notify(
        repos=api.runtime.repos, queue=api.runtime.queue, member_id=member.id,
        kind=NotificationKind.JOIN_REQUEST_APPROVED, dedupe_key=f"test:{uuid.uuid4()}", now=now,
        params={"groupId": str(uuid.uuid4())},
    )  # fmt: skip
    assert sent is not None

    # Three attempts of ours, each when the last one's Retry-After is over
    statuses, held_until = [], []
    for attempt in range(3):
        at = now + timedelta(seconds=30 * attempt)
        statuses.append(await deliver(pipeline=pipeline, notification_id=sent.id, now=at))
        stored = await db.notifications.find_one({"_id": sent.id})
        held_until.append(stored["push"]["not_before"])

    # Then FCM was asked three times in all (firebase-admin's own retries sent 15), and never sooner than it said
    assert [r.status for r in fake_fcm.received(phone)] == [503, 503, 503]
    assert statuses == [PushStatus.DEFERRED, PushStatus.DEFERRED, PushStatus.FAILED]
    assert held_until == [now + timedelta(seconds=30), now + timedelta(seconds=60), None]


async def test_a_push_whose_answer_never_came_is_sent_again_as_the_same_notification(
    impatient_sender: PushSender, fake_fcm: FakeFcm
) -> None:
    token, notification_id = f"tok-{uuid.uuid4()}", str(uuid.uuid4())
    message = PushMessage(
        device_id="device-1", token=token, title="Time to check in", body="Your group's check-in is open.",
        collapse_id=notification_id, data={"notificationId": notification_id}, urgent=False, ttl_seconds=3600,
    )  # fmt: skip
    # Given FCM that accepts the push but answers after our 0.3 s
    fake_fcm.delay_seconds = 1.0
    try:
        [lost] = await impatient_sender.send([message])
    finally:
        fake_fcm.delay_seconds = 0.0
    # When the outbox sends it again
    [accepted] = await impatient_sender.send([message])

    # Then FCM has it twice, both as the same notification: collapsed while pending, replaced when shown
    assert (lost.outcome, accepted.outcome) == (SendOutcome.RETRY, SendOutcome.ACCEPTED)
    received = await eventually(lambda: _both(fake_fcm, token), within=5)
    assert [r.status for r in received] == [200, 200]
    assert {(r.message["android"]["collapse_key"], r.android_tag, r.apns_collapse_id) for r in received} == {
        (notification_id, notification_id, notification_id)
    }


def _both(fake_fcm: FakeFcm, token: str) -> list[Received] | None:
    """Both requests, in order; None until the fake has answered the delayed one too."""
    found = fake_fcm.received(token)
    return sorted(found, key=lambda r: r.at) if len(found) == 2 else None
