"""A week of a group's scheduled check-ins for someone without the app, across the spring clock change:
a reminder text at 19:00 their time every evening (18:00 UTC once the clocks go forward), each
answered by a text that is a check-in for that evening; quiet hours hold a late text until morning;
after STOP nothing more is texted. In process, with the API's clock frozen and moved by the test.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest

from domain.checkins import remind_group
from domain.notifications import Pipeline, Texting, deliver
from infra.push import PushSender
from infra.settings import PushSettings, Settings
from infra.sms import TextSender
from schemas.documents.notifications import PushStatus
from tests.factories.frozen import FrozenApi, frozen_api
from tests.factories.groups import created_group, mutate
from tests.factories.members import onboarded_member
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.twilio import FakeTwilio, post_signed
from tests.support.time import utc

_numbers = itertools.count(500_001)
REMINDER = "Time to check in. Reply with a number from 1 (very low) to 5 (very good). Reply STOP to stop."


@pytest.fixture
async def frozen(settings: Settings) -> AsyncIterator[FrozenApi]:
    async with frozen_api(settings, utc(2027, 3, 22, 12)) as api:  # a Monday; the clocks go forward on the 28th
        yield api


@pytest.fixture
def pipeline(frozen: FrozenApi, push_sender: PushSender, text_sender: TextSender, settings: Settings) -> Pipeline:
    runtime = frozen.runtime
    return Pipeline(
        repos=runtime.repos, push=push_sender, queue=runtime.queue, settings=PushSettings(),
        lease=timedelta(minutes=2), texting=Texting(sender=text_sender, vault=runtime.vault, settings=settings.text),
    )  # fmt: skip


async def text_member(
    frozen: FrozenApi, auth_emulator: AuthEmulator, fake: FakeTwilio, settings: Settings, pipeline: Pipeline
) -> tuple[str, str, str]:
    """A London group checking in daily at 19:00, and a confirmed member without the app: (member, number, group)."""
    lead = await onboarded_member(frozen.gql, auth_emulator, nation="ENGLAND", language="EN")
    group_id = await created_group(frozen.gql, lead, timezone="Europe/London")
    schedule = {"weekdays": ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"],
                "localTime": "19:00"}  # fmt: skip
    assert (await mutate(frozen.gql, "GroupScheduleSet", lead.token, groupId=group_id, schedule=schedule))[
        "__typename"
    ] == "GroupScheduleSetSuccess"
    number = f"+447400{next(_numbers):06d}"
    result = await mutate(
        frozen.gql, "TextMemberRegister", lead.token, groupId=group_id, phoneNumber=number, displayName="Bryn",
        nation="ENGLAND", language="EN", consent=True, adultConfirmed=True,
    )  # fmt: skip
    member_id = result["member"]["id"]
    [welcome] = await frozen.db.notifications.find({"member_id": member_id}).to_list(None)
    assert (
        await deliver(pipeline=pipeline, notification_id=welcome["_id"], member_id=member_id, now=frozen.now) == "sent"
    )
    await reply(frozen, fake, settings, number, "YES")
    return member_id, number, group_id


async def reply(frozen: FrozenApi, fake: FakeTwilio, settings: Settings, number: str, body: str) -> list[str]:
    response = await post_signed(
        frozen.gql.http, settings, fake, "/twilio/inbound", fake.inbound(from_=number, body=body)
    )
    assert response.status_code == 200
    return [part.split("</Message>")[0] for part in response.text.split("<Message>")[1:]]


async def reminder_for(frozen: FrozenApi, member_id: str, group_id: str, occurrence: Any) -> dict[str, Any]:
    raw = await frozen.db.notifications.find_one(
        {"member_id": member_id, "kind": "check_in_reminder", "params.groupId": group_id, "created_at": occurrence}
    )
    assert raw is not None
    return raw


async def next_checkin(frozen: FrozenApi, group_id: str) -> Any:
    group = await frozen.db.groups.find_one({"_id": group_id})
    assert group is not None
    return group["next_checkin_at"]


async def test_a_week_of_reminders_and_replies_across_the_clock_change(
    frozen: FrozenApi, auth_emulator: AuthEmulator, fake_twilio: FakeTwilio, settings: Settings, pipeline: Pipeline
) -> None:
    member_id, number, group_id = await text_member(frozen, auth_emulator, fake_twilio, settings, pipeline)
    repos, queue = frozen.runtime.repos, frozen.runtime.queue
    occurrences = []

    for mood in (3, 2, 4, 1, 5, 3, 4):
        occurrence = await next_checkin(frozen, group_id)
        frozen.clock.advance(occurrence - frozen.now)
        await remind_group(repos=repos, queue=queue, group_id=group_id, occurrence=occurrence, now=frozen.now)
        reminder = await reminder_for(frozen, member_id, group_id, occurrence)
        assert reminder["channel"] == "sms"
        status = await deliver(pipeline=pipeline, notification_id=reminder["_id"], member_id=member_id, now=frozen.now)
        assert status == PushStatus.SENT
        frozen.clock.advance(timedelta(minutes=12))
        answer = await reply(frozen, fake_twilio, settings, number, f"{mood} ok")
        assert answer[-1] == "Thanks for checking in."
        occurrences.append(occurrence)

    assert [o.hour for o in occurrences] == [19, 19, 19, 19, 19, 19, 18]  # 19:00 in London, GMT then BST
    assert [o.day for o in occurrences] == [22, 23, 24, 25, 26, 27, 28]
    texts = [t.body for t in fake_twilio.texts(number)]
    assert texts[1:] == [REMINDER] * 7  # after the welcome
    check_ins = await frozen.db.checkins.find({"member_id": member_id}).sort("recorded_at", 1).to_list(None)
    assert [c["mood"] for c in check_ins] == [3, 2, 4, 1, 5, 3, 4]
    assert [[a["scheduled_at"] for a in c["answers"]] for c in check_ins] == [[o] for o in occurrences]


async def test_quiet_hours_hold_a_late_text_until_morning_and_stop_ends_the_reminders(
    frozen: FrozenApi, auth_emulator: AuthEmulator, fake_twilio: FakeTwilio, settings: Settings, pipeline: Pipeline
) -> None:
    member_id, number, group_id = await text_member(frozen, auth_emulator, fake_twilio, settings, pipeline)
    repos, queue = frozen.runtime.repos, frozen.runtime.queue
    occurrence = await next_checkin(frozen, group_id)
    frozen.clock.advance(occurrence - frozen.now)
    await remind_group(repos=repos, queue=queue, group_id=group_id, occurrence=occurrence, now=frozen.now)
    reminder = await reminder_for(frozen, member_id, group_id, occurrence)

    frozen.clock.advance(timedelta(hours=3))  # 22:00 in London: within the default quiet hours (21:00 to 08:00)
    held = await deliver(pipeline=pipeline, notification_id=reminder["_id"], member_id=member_id, now=frozen.now)

    stored = await frozen.db.notifications.find_one({"_id": reminder["_id"]})
    assert stored is not None
    assert (held, stored["push"]["not_before"]) == (PushStatus.DEFERRED, utc(2027, 3, 23, 8))
    assert len(fake_twilio.texts(number)) == 1  # only the welcome

    assert await reply(frozen, fake_twilio, settings, number, "STOP") == []
    frozen.clock.advance(utc(2027, 3, 23, 8) - frozen.now)
    after_stop = await deliver(pipeline=pipeline, notification_id=reminder["_id"], member_id=member_id, now=frozen.now)

    stored = await frozen.db.notifications.find_one({"_id": reminder["_id"]})
    assert stored is not None
    assert (after_stop, stored["push"]["last_error"]) == (PushStatus.SUPPRESSED, "text_stopped")
    assert len(fake_twilio.texts(number)) == 1
