"""End to end: notify() writes the outbox, a real worker delivers to the fake FCM, beat's sweeper catches up."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from api.runtime import ApiRuntime
from domain.notifications.catalogue import text_for
from domain.notifications.service import notify
from infra.local.services import free_port
from infra.mongo.client import Database
from infra.queue import TaskQueue
from infra.settings import WorkerSettings
from schemas.documents.members import Language
from schemas.documents.notifications import NotificationDocument, NotificationKind
from tests.factories.devices import no_quiet_hours, preferences_set, registered_device
from tests.factories.members import TestMember as Someone
from tests.factories.members import onboarded_member
from tests.fixtures.app import GraphQLClient, RunningApi
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.fcm import FakeFcm, Reply
from tests.workers.notifications.conftest import PushWorkers
from tests.workers.notifications.support import eventually, in_status, notification


async def _notify(
    runtime: ApiRuntime,
    member: Someone,
    kind: NotificationKind = NotificationKind.CHECK_IN_REMINDER,
    *,
    urgent: bool = False,
) -> NotificationDocument:
    sent = await notify(
        repos=runtime.repos, queue=runtime.queue, member_id=member.id, kind=kind,
        dedupe_key=f"test:{uuid.uuid4()}", now=runtime.clock.now(), params={"groupId": "g-1"}, urgent=urgent,
    )  # fmt: skip
    assert sent is not None
    return sent


async def test_a_notification_reaches_each_phone_once_in_the_member_language_tagged_with_its_id(
    push_workers: PushWorkers,
    api: RunningApi,
    gql: GraphQLClient,
    auth_emulator: AuthEmulator,
    db: Database,
    fake_fcm: FakeFcm,
) -> None:
    # Given a Welsh-speaking member with an Android phone and an iPhone, and no quiet hours
    member = await onboarded_member(gql, auth_emulator, language="CY")
    await no_quiet_hours(gql, member)
    android = await registered_device(gql, member, platform="ANDROID", locale="cy-GB")
    iphone = await registered_device(gql, member, platform="IOS", locale="cy-GB")

    # When a check-in reminder is written to the outbox
    sent = await _notify(api.runtime, member)

    # Then a worker pushes it to both phones, once each, in Welsh, with its id as tag and collapse id
    stored = await eventually(lambda: in_status(db, sent.id, "sent"), logs=push_workers.logs)
    text = text_for(NotificationKind.CHECK_IN_REMINDER, Language.CY)
    for token in (android, iphone):
        [received] = fake_fcm.received(token)
        assert received.android_tag == sent.id
        assert received.apns_collapse_id == sent.id
        assert received.message["notification"] == {"title": text.title, "body": text.body}
        assert received.message["data"] == {"notificationId": sent.id, "kind": "CHECK_IN_REMINDER", "groupId": "g-1"}
    assert stored["push"]["attempts"] == 1
    assert stored["push"]["claim"] is None
    assert stored["push"]["not_before"] is None
    outcomes = {d["outcome"] for d in stored["push"]["deliveries"].values()}
    assert (len(stored["push"]["deliveries"]), outcomes) == (2, {"accepted"})


async def test_tokens_fcm_calls_unregistered_or_invalid_are_deleted_and_a_payload_error_keeps_the_token(
    push_workers: PushWorkers,
    api: RunningApi,
    gql: GraphQLClient,
    auth_emulator: AuthEmulator,
    db: Database,
    fake_fcm: FakeFcm,
) -> None:
    # Given a member with four phones, three of which FCM will refuse for different reasons
    member = await onboarded_member(gql, auth_emulator)
    await no_quiet_hours(gql, member)
    good, gone, invalid, payload = [await registered_device(gql, member) for _ in range(4)]
    fake_fcm.script(gone, Reply.unregistered())
    fake_fcm.script(invalid, Reply.invalid_token())
    fake_fcm.script(payload, Reply.invalid_payload())
    devices = {d["token"]: d["_id"] for d in await db.devices.find({"member_id": member.id}).to_list(None)}

    # When a notification is delivered
    sent = await _notify(api.runtime, member)

    # Then it is sent (one phone took it), each outcome is recorded, and only the two bad tokens are gone
    stored = await eventually(lambda: in_status(db, sent.id, "sent"), logs=push_workers.logs)
    outcomes = {token: stored["push"]["deliveries"][devices[token]] for token in (good, gone, invalid, payload)}
    assert {token: (o["outcome"], o["code"]) for token, o in outcomes.items()} == {
        good: ("accepted", None),
        gone: ("device_removed", "unregistered"),
        invalid: ("device_removed", "invalid_token"),
        payload: ("failed", "invalid_argument"),
    }
    remaining = await db.devices.find({"member_id": member.id}).to_list(None)
    assert sorted(d["token"] for d in remaining) == sorted([good, payload])
    assert [len(fake_fcm.received(t)) for t in (good, gone, invalid, payload)] == [1, 1, 1, 1]


async def test_a_429_is_retried_after_its_retry_after_and_then_delivered(
    push_workers: PushWorkers,
    api: RunningApi,
    gql: GraphQLClient,
    auth_emulator: AuthEmulator,
    db: Database,
    fake_fcm: FakeFcm,
) -> None:
    member = await onboarded_member(gql, auth_emulator)
    await no_quiet_hours(gql, member)
    token = await registered_device(gql, member)
    fake_fcm.script(token, Reply.quota_exceeded(retry_after=2))

    sent = await _notify(api.runtime, member)

    stored = await eventually(lambda: in_status(db, sent.id, "sent"), logs=push_workers.logs)
    first, second = fake_fcm.received(token)
    assert (first.status, second.status) == (429, 200)
    assert second.at - first.at >= 2.0
    assert second.android_tag == first.android_tag == sent.id
    assert stored["push"]["attempts"] == 2
    assert await db.devices.count_documents({"token": token}) == 1


async def test_a_push_fcm_keeps_refusing_fails_after_the_last_attempt_and_stays_in_the_inbox(
    push_workers: PushWorkers,
    api: RunningApi,
    gql: GraphQLClient,
    auth_emulator: AuthEmulator,
    db: Database,
    fake_fcm: FakeFcm,
) -> None:
    member = await onboarded_member(gql, auth_emulator)
    await no_quiet_hours(gql, member)
    token = await registered_device(gql, member)
    fake_fcm.always(token, Reply.quota_exceeded(retry_after=1))

    sent = await _notify(api.runtime, member)

    stored = await eventually(lambda: in_status(db, sent.id, "failed"), logs=push_workers.logs)
    assert (stored["push"]["attempts"], stored["push"]["last_error"]) == (3, "quota_exceeded")  # PUSH_MAX_ATTEMPTS
    assert [r.status for r in fake_fcm.received(token)] == [429, 429, 429]
    assert await db.devices.count_documents({"token": token}) == 1
    assert [n["id"] for n in await _inbox(gql, member)] == [sent.id]


async def test_a_member_without_phones_gets_it_in_the_inbox_only(
    push_workers: PushWorkers, api: RunningApi, gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database
) -> None:
    member = await onboarded_member(gql, auth_emulator)
    await no_quiet_hours(gql, member)
    sent = await _notify(api.runtime, member, NotificationKind.JOIN_REQUEST_APPROVED)
    stored = await eventually(lambda: in_status(db, sent.id, "failed"), logs=push_workers.logs)
    assert (stored["push"]["attempts"], stored["push"]["last_error"]) == (0, "no_devices")
    assert [n["id"] for n in await _inbox(gql, member)] == [sent.id]


INBOX = "query Inbox { notifications(first: 50) { nodes { id kind title body readAt } } }"


async def _inbox(gql: GraphQLClient, member: Someone) -> list[dict[str, str]]:
    body = await gql(INBOX, token=member.token)
    nodes: list[dict[str, str]] = body["data"]["notifications"]["nodes"]
    return nodes


async def test_quiet_hours_hold_a_push_until_they_end_and_it_arrives_when_they_do(
    push_workers: PushWorkers,
    api: RunningApi,
    gql: GraphQLClient,
    auth_emulator: AuthEmulator,
    db: Database,
    fake_fcm: FakeFcm,
) -> None:
    # Given a member in London whose quiet hours run from an hour ago to an hour from now
    member = await onboarded_member(gql, auth_emulator, timezone="Europe/London")
    token = await registered_device(gql, member)
    london = ZoneInfo("Europe/London")
    local_now = datetime.now(london)
    start, end = (local_now - timedelta(hours=1)), (local_now + timedelta(hours=1))
    await preferences_set(gql, member, quietHoursStart=f"{start:%H:%M}", quietHoursEnd=f"{end:%H:%M}")

    # When a notification comes
    sent = await _notify(api.runtime, member)

    # Then it is held until the end of the quiet hours, and nothing reaches the phone
    held = await eventually(lambda: in_status(db, sent.id, "deferred"), logs=push_workers.logs)
    expected_end = end.replace(second=0, microsecond=0).astimezone(UTC)
    assert (held["push"]["not_before"], held["push"]["last_error"]) == (expected_end, "quiet_hours")
    await asyncio.sleep(2.5)  # two sweeps and a pending grace: still held
    assert (await notification(db, sent.id))["push"]["status"] == "deferred"
    assert fake_fcm.received(token) == []

    # When the quiet hours end (the member moves them away from now, as the clock would)
    await preferences_set(gql, member, quietHoursStart=f"{end:%H:%M}", quietHoursEnd=f"{start:%H:%M}")

    # Then the sweeper sends it, once
    stored = await eventually(lambda: in_status(db, sent.id, "sent"), logs=push_workers.logs)
    [received] = fake_fcm.received(token)
    assert received.android_tag == sent.id
    assert stored["push"]["attempts"] == 1


async def test_on_a_break_only_urgent_pushes_go_and_everything_reaches_the_inbox(
    push_workers: PushWorkers,
    api: RunningApi,
    gql: GraphQLClient,
    auth_emulator: AuthEmulator,
    db: Database,
    fake_fcm: FakeFcm,
) -> None:
    member = await onboarded_member(gql, auth_emulator, language="EN")
    await no_quiet_hours(gql, member)
    token = await registered_device(gql, member)
    until = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0)
    await preferences_set(gql, member, onBreakUntil=until.isoformat())

    reminder = await _notify(api.runtime, member)
    urgent = await _notify(api.runtime, member, NotificationKind.JOIN_REQUEST_APPROVED, urgent=True)

    held = await eventually(lambda: in_status(db, reminder.id, "suppressed"), logs=push_workers.logs)
    assert held["push"]["last_error"] == "on_break"
    await eventually(lambda: in_status(db, urgent.id, "sent"), logs=push_workers.logs)
    assert [r.notification_id for r in fake_fcm.received(token)] == [urgent.id]
    reminder_text = text_for(NotificationKind.CHECK_IN_REMINDER, Language.EN)
    inbox = {n["id"]: (n["title"], n["body"]) for n in await _inbox(gql, member)}
    assert inbox[reminder.id] == (reminder_text.title, reminder_text.body)
    assert set(inbox) == {reminder.id, urgent.id}


async def test_reminders_switched_off_keep_reminders_to_the_inbox_but_not_other_kinds(
    push_workers: PushWorkers,
    api: RunningApi,
    gql: GraphQLClient,
    auth_emulator: AuthEmulator,
    db: Database,
    fake_fcm: FakeFcm,
) -> None:
    member = await onboarded_member(gql, auth_emulator)
    await no_quiet_hours(gql, member)
    token = await registered_device(gql, member)
    await preferences_set(gql, member, reminders=False)

    reminder = await _notify(api.runtime, member)
    approved = await _notify(api.runtime, member, NotificationKind.JOIN_REQUEST_APPROVED)

    held = await eventually(lambda: in_status(db, reminder.id, "suppressed"), logs=push_workers.logs)
    assert held["push"]["last_error"] == "reminders_off"
    await eventually(lambda: in_status(db, approved.id, "sent"), logs=push_workers.logs)
    assert [r.notification_id for r in fake_fcm.received(token)] == [approved.id]


async def test_the_daily_cap_holds_the_next_push_until_the_next_local_morning_and_urgent_ones_pass(
    push_workers: PushWorkers,
    api: RunningApi,
    gql: GraphQLClient,
    auth_emulator: AuthEmulator,
    db: Database,
    fake_fcm: FakeFcm,
) -> None:
    # Given a member in New York with no quiet hours and a cap of one push a day
    member = await onboarded_member(gql, auth_emulator, timezone="America/New_York")
    await no_quiet_hours(gql, member)
    await preferences_set(gql, member, dailyPushCap=1)
    token = await registered_device(gql, member)

    # When two ordinary notifications and an urgent one come
    first = await _notify(api.runtime, member)
    await eventually(lambda: in_status(db, first.id, "sent"), logs=push_workers.logs)
    second = await _notify(api.runtime, member, NotificationKind.JOIN_REQUEST_APPROVED)
    held = await eventually(lambda: in_status(db, second.id, "deferred"), logs=push_workers.logs)
    urgent = await _notify(api.runtime, member, NotificationKind.JOIN_REQUEST_DECLINED, urgent=True)
    await eventually(lambda: in_status(db, urgent.id, "sent"), logs=push_workers.logs)

    # Then the second waits for midnight in New York (no quiet hours), and the urgent one went at once
    new_york = ZoneInfo("America/New_York")
    tomorrow = datetime.now(new_york).date() + timedelta(days=1)
    midnight = datetime(tomorrow.year, tomorrow.month, tomorrow.day, tzinfo=new_york).astimezone(UTC)
    assert (held["push"]["not_before"], held["push"]["last_error"]) == (midnight, "daily_cap")
    assert [r.notification_id for r in fake_fcm.received(token)] == [first.id, urgent.id]
    [place] = await db.push_budgets.find({"member_id": member.id}).to_list(None)
    assert (place["notification_id"], place["slot"]) == (first.id, 1)


async def test_a_notification_written_while_the_broker_was_down_is_delivered_by_the_sweeper(
    push_workers: PushWorkers,
    api: RunningApi,
    gql: GraphQLClient,
    auth_emulator: AuthEmulator,
    db: Database,
    fake_fcm: FakeFcm,
) -> None:
    member = await onboarded_member(gql, auth_emulator)
    await no_quiet_hours(gql, member)
    token = await registered_device(gql, member)
    dead_broker = TaskQueue(WorkerSettings(broker_url=f"redis://127.0.0.1:{free_port()}/0"))

    sent = await notify(
        repos=api.runtime.repos, queue=dead_broker, member_id=member.id, kind=NotificationKind.CHECK_IN_REMINDER,
        dedupe_key=f"test:{uuid.uuid4()}", params={"groupId": "group-test"}, now=api.runtime.clock.now(),
    )  # fmt: skip
    dead_broker.close()

    assert sent is not None
    assert (await notification(db, sent.id))["push"]["status"] == "pending"
    stored = await eventually(lambda: in_status(db, sent.id, "sent"), logs=push_workers.logs)
    assert [r.android_tag for r in fake_fcm.received(token)] == [sent.id]
    assert stored["push"]["attempts"] == 1
