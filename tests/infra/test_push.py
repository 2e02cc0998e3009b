"""The push adapter against the fake FCM, through firebase-admin's real HTTP path."""

from __future__ import annotations

import uuid

import pytest

from infra.push import PushSender
from schemas.push import PushMessage, PushResult, SendOutcome
from tests.fixtures.fcm import FakeFcm, Reply


@pytest.fixture
def sender(push_sender: PushSender) -> PushSender:
    return push_sender


def _message(token: str, *, urgent: bool = False) -> PushMessage:
    notification_id = str(uuid.uuid4())
    return PushMessage(
        device_id=f"device-{token}",
        token=token,
        title="Time to check in",
        body="Your group's check-in is open.",
        collapse_id=notification_id,
        data={"notificationId": notification_id, "kind": "check_in_reminder"},
        urgent=urgent,
        ttl_seconds=3600,
    )


async def test_a_push_carries_safe_text_ids_and_the_notification_id_as_tag_and_collapse_id(
    sender: PushSender, fake_fcm: FakeFcm
) -> None:
    token = f"tok-{uuid.uuid4()}"
    message = _message(token)

    [result] = await sender.send([message])

    assert result.outcome is SendOutcome.ACCEPTED
    assert result.message_id is not None
    assert result.message_id.startswith("projects/demo-wellbeing/messages/")
    [received] = fake_fcm.received(token)
    assert received.project == "demo-wellbeing"
    assert received.validate_only is False
    assert received.android_tag == message.collapse_id
    assert received.message["android"]["collapse_key"] == message.collapse_id  # a resend replaces a pending one
    assert received.apns_collapse_id == message.collapse_id
    assert received.message["notification"] == {"title": "Time to check in", "body": "Your group's check-in is open."}
    assert received.message["data"] == message.data
    assert received.message["android"]["priority"] == "normal"
    assert received.message["android"]["ttl"] == "3600s"
    assert received.message["apns"]["headers"]["apns-priority"] == "5"
    assert received.message["apns"]["headers"]["apns-push-type"] == "alert"


async def test_urgent_pushes_go_at_high_priority(sender: PushSender, fake_fcm: FakeFcm) -> None:
    token = f"tok-{uuid.uuid4()}"
    await sender.send([_message(token, urgent=True)])
    [received] = fake_fcm.received(token)
    assert received.message["android"]["priority"] == "high"
    assert received.message["apns"]["headers"]["apns-priority"] == "10"


@pytest.mark.parametrize(
    ("reply", "outcome", "code", "retry_after"),
    [
        pytest.param(Reply.unregistered(), SendOutcome.DEVICE_GONE, "unregistered", None, id="unregistered"),
        pytest.param(Reply.invalid_token(), SendOutcome.DEVICE_GONE, "invalid_token", None, id="invalid-token"),
        pytest.param(Reply.invalid_payload(), SendOutcome.FAILED, "invalid_argument", None, id="invalid-payload"),
        pytest.param(Reply.quota_exceeded(retry_after=17), SendOutcome.RETRY, "quota_exceeded", 17.0, id="429"),
    ],
)
async def test_each_fcm_error_is_classified_for_its_device_only(
    sender: PushSender,
    fake_fcm: FakeFcm,
    reply: Reply,
    outcome: SendOutcome,
    code: str,
    retry_after: float | None,
) -> None:
    failing, fine = f"tok-{uuid.uuid4()}", f"tok-{uuid.uuid4()}"
    fake_fcm.script(failing, reply)

    results = await sender.send([_message(failing), _message(fine)])

    assert [(r.device_id, r.outcome, r.code, r.retry_after_seconds) for r in results] == [
        (f"device-{failing}", outcome, code, retry_after),
        (f"device-{fine}", SendOutcome.ACCEPTED, None, None),
    ]
    assert len(fake_fcm.received(failing)) == 1  # the SDK does not retry 429 (or 4xx) itself


@pytest.mark.parametrize("status", [500, 503])
async def test_a_server_error_is_sent_once_and_reported_for_the_outbox_to_retry_after_its_retry_after(
    sender: PushSender, fake_fcm: FakeFcm, status: int
) -> None:
    # firebase-admin used to send it five times within seven seconds, whatever Retry-After said (issue 13, item 6).
    token = f"tok-{uuid.uuid4()}"
    reply = Reply.unavailable(retry_after=30)
    fake_fcm.always(token, Reply(status, reply.body | {"error": reply.body["error"] | {"code": status}}, reply.headers))

    [result] = await sender.send([_message(token)])

    assert (result.outcome, result.retry_after_seconds) == (SendOutcome.RETRY, 30.0)
    assert [r.status for r in fake_fcm.received(token)] == [status]


async def test_more_than_500_messages_go_in_chunks_and_every_one_gets_a_result(
    sender: PushSender, fake_fcm: FakeFcm
) -> None:
    prefix = f"bulk-{uuid.uuid4()}-"
    messages = [_message(f"{prefix}{i}") for i in range(501)]

    results: list[PushResult] = await sender.send(messages)

    assert [r.device_id for r in results] == [m.device_id for m in messages]
    assert {(r.outcome, r.code) for r in results} == {(SendOutcome.ACCEPTED, None)}
    assert len([r for r in fake_fcm.received() if r.token.startswith(prefix)]) == 501
