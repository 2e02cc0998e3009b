"""From "Sam has gone quiet" to a conversation Sam answers from a push, in both languages: the
quiet scan lists Sam for the lead, the lead picks an opener, Sam's phone gets a lock-screen-safe
push in Welsh (never the words, the group or the sender; its data the kind and the threadId),
Sam opens the thread from it and answers, and the lead's phone gets the English one. Pushes keep
quiet hours, except staff's, which are urgent. Delivered through the fake FCM as the worker does.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from domain.noticing.quiet_scan import scan_quiet
from domain.notifications.catalogue import text_for
from domain.notifications.delivery import Pipeline, deliver
from domain.outreach import Opener, opener_text
from infra.push import PushSender
from infra.settings import PushSettings, Settings
from schemas.documents.members import Language
from schemas.documents.notifications import NotificationKind, PushStatus
from tests.factories.checkins import checked_in
from tests.factories.devices import no_quiet_hours, registered_device
from tests.factories.frozen import FrozenApi, frozen_api
from tests.factories.outreach import OutreachCast, act, key, led_group, new_outreach_cast, said, started
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.fcm import FakeFcm
from tests.support.operations import app_operation

MONDAY_NOON = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)  # London on GMT: noon there too
DAY = timedelta(days=1)


@pytest.fixture
async def world(settings: Settings, auth_emulator: AuthEmulator) -> AsyncIterator[tuple[FrozenApi, OutreachCast]]:
    async with frozen_api(settings, MONDAY_NOON, isolated=True) as api:
        yield api, await new_outreach_cast(api.gql, auth_emulator)


def pipeline(api: FrozenApi, sender: PushSender) -> Pipeline:
    return Pipeline(
        repos=api.runtime.repos, push=sender, queue=api.runtime.queue, settings=PushSettings(),
        lease=timedelta(minutes=2),
    )  # fmt: skip


async def _pushed(api: FrozenApi, sender: PushSender, member_id: str, kind: NotificationKind) -> dict[str, Any]:
    """Deliver the member's one notification of this kind now, as the worker would."""
    [notification] = await api.db.notifications.find({"member_id": member_id, "kind": kind.value}).to_list(None)
    assert await deliver(pipeline=pipeline(api, sender), notification_id=notification["_id"], now=api.now) is (
        PushStatus.SENT
    )
    return notification


async def test_from_gone_quiet_to_a_conversation_answered_from_a_push_in_both_languages(
    world: tuple[FrozenApi, OutreachCast], fake_fcm: FakeFcm, push_sender: PushSender
) -> None:
    api, cast = world
    group_id = await led_group(api.gql, cast)
    sam_phone, lead_phone = [await _phone(api, person) for person in (cast.sam, cast.lead)]

    # Sam goes quiet: a week without checking in, then three days on the lead's list (Pat and Cari check in)
    for day in range(1, 12):
        api.clock.advance(DAY)
        if day == 5:
            for active in (cast.peer, cast.co_lead):
                await checked_in(api.gql, active, mood=4, groupId=group_id)
        await scan_quiet(repos=api.runtime.repos, queue=api.runtime.queue, now=api.now)
    quiet = await api.gql(app_operation("QuietMembers"), {"groupId": group_id}, token=cast.lead.token)
    assert [(m["memberId"], m["name"]) for m in quiet["data"]["quietMembers"]["nodes"]] == [(cast.sam.id, "Sam")]

    # The lead picks the opener for a quiet member and sends it
    openers = await api.gql(app_operation("ThreadOpeners"), token=cast.lead.token)
    [missed] = [o for o in openers["data"]["threadOpeners"] if o["situation"] == "QUIET"]
    assert missed["key"] == "WE_MISSED_YOU"
    opened = await started(api.gql, cast.lead, group_id, member=cast.sam, opener=missed["key"])
    thread_id = opened["thread"]["id"]

    # Sam's phone gets a push safe for the lock screen, in Welsh, that opens the thread
    notification = await _pushed(api, push_sender, cast.sam.id, NotificationKind.THREAD_MESSAGE)
    [received] = fake_fcm.received(sam_phone)
    welsh = text_for(NotificationKind.THREAD_MESSAGE, Language.CY)
    assert received.message["notification"] == {"title": "Neges newydd", "body": welsh.body}
    assert received.message["data"] == {
        "notificationId": notification["_id"], "kind": "THREAD_MESSAGE", "threadId": thread_id,
    }  # fmt: skip
    pushed = str(received.message)
    for secret in ("Lee", opener_text(Opener.WE_MISSED_YOU, Language.CY), group_id, cast.lead.id, "Thursday evening"):
        assert secret not in pushed

    # Sam opens it from the push (notification(id:) -> threadId -> the thread) and answers
    opened_push = await api.gql(app_operation("Notification"), {"id": received.notification_id}, token=cast.sam.token)
    assert opened_push["data"]["notification"]["threadId"] == thread_id
    screen = await api.gql(app_operation("ThreadScreen"), {"id": thread_id}, token=cast.sam.token)
    assert [m["body"] for m in screen["data"]["thread"]["messages"]["nodes"]] == [
        opener_text(Opener.WE_MISSED_YOU, Language.CY)
    ]
    await act(api.gql, "ThreadMarkSeen", cast.sam, threadId=thread_id)
    await said(api.gql, cast.sam, thread_id, "Diolch, dw i'n iawn. Wela i chi ddydd Iau.")

    # And the lead's phone gets the English push, which says no more
    lead_notification = await _pushed(api, push_sender, cast.lead.id, NotificationKind.THREAD_MESSAGE)
    [to_lead] = fake_fcm.received(lead_phone)
    english = text_for(NotificationKind.THREAD_MESSAGE, Language.EN)
    assert (english.title, english.body) == ("New message", "You have a new message. Open the app to read it.")
    assert to_lead.message["notification"] == {"title": english.title, "body": english.body}
    assert to_lead.message["data"] == {
        "notificationId": lead_notification["_id"], "kind": "THREAD_MESSAGE", "threadId": thread_id,
    }  # fmt: skip
    assert "Sam" not in str(to_lead.message)
    assert "Diolch" not in str(to_lead.message)


async def test_a_run_of_messages_is_one_push_until_the_thread_is_opened(
    world: tuple[FrozenApi, OutreachCast],
) -> None:
    api, cast = world
    group_id = await led_group(api.gql, cast)
    thread_id = (await started(api.gql, cast.lead, group_id, member=cast.sam, body="Hi Sam"))["thread"]["id"]
    await said(api.gql, cast.lead, thread_id, "Just checking in.")
    assert await _count(api, cast.sam.id) == 1

    await act(api.gql, "ThreadMarkSeen", cast.sam, threadId=thread_id)
    await said(api.gql, cast.co_lead, thread_id, "And from me too.")
    assert await _count(api, cast.sam.id) == 2


async def test_quiet_hours_hold_a_leads_message_but_not_staffs(
    world: tuple[FrozenApi, OutreachCast], fake_fcm: FakeFcm, push_sender: PushSender
) -> None:
    api, cast = world
    group_id = await led_group(api.gql, cast)
    api.clock.current = MONDAY_NOON + timedelta(hours=11)  # 23:00 in London: Sam's quiet hours (21:00 to 08:00)
    phone = await registered_device(api.gql, cast.sam)
    await started(api.gql, cast.lead, group_id, member=cast.sam, body="Sorry it's late: no need to reply now.")
    alert_id = await _alert_about(api, cast, group_id)
    staff = await act(api.gql, "StaffThreadStart", cast.staff, alertId=alert_id, body="We're here if you need us.",
                      clientKey=key())  # fmt: skip
    assert staff["__typename"] == "StaffThreadStartSuccess", staff

    notes = await api.db.notifications.find({"member_id": cast.sam.id, "kind": "thread_message"}).to_list(None)
    by_thread = {n["params"]["threadId"]: n for n in notes}
    lead_note, staff_note = by_thread[_lead_thread(notes, staff)], by_thread[staff["thread"]["id"]]
    run = pipeline(api, push_sender)
    assert await deliver(pipeline=run, notification_id=lead_note["_id"], now=api.now) is PushStatus.DEFERRED
    assert await deliver(pipeline=run, notification_id=staff_note["_id"], now=api.now) is PushStatus.SENT
    [received] = fake_fcm.received(phone)
    assert (received.notification_id, staff_note["urgent"], lead_note["urgent"]) == (staff_note["_id"], True, False)
    assert received.message["notification"]["body"] == text_for(NotificationKind.THREAD_MESSAGE, Language.CY).body


async def _phone(api: FrozenApi, person: Any) -> str:
    await no_quiet_hours(api.gql, person)
    return await registered_device(api.gql, person)


async def _count(api: FrozenApi, member_id: str) -> int:
    return await api.db.notifications.count_documents({"member_id": member_id, "kind": "thread_message"})


async def _alert_about(api: FrozenApi, cast: OutreachCast, group_id: str) -> str:
    """A safeguarding alert about Sam: worrying words in a check-in shared with the group."""
    body = await api.gql(
        "mutation($i: CheckInSubmitInput!) { checkInSubmit(input: $i) { __typename } }",
        {"i": {"mood": 1, "note": "I want to kill myself", "idempotencyKey": key(), "groupId": group_id}},
        token=cast.sam.token,
    )  # fmt: skip
    assert body["data"]["checkInSubmit"]["__typename"] == "CheckInSubmitSuccess", body
    alert = await api.db.safeguarding_alerts.find_one({"member_id": cast.sam.id, "source_kind": "check_in"})
    assert alert is not None
    alert_id: str = alert["_id"]
    return alert_id


def _lead_thread(notes: list[dict[str, Any]], staff: dict[str, Any]) -> str:
    [other] = [n["params"]["threadId"] for n in notes if n["params"]["threadId"] != staff["thread"]["id"]]
    return other
