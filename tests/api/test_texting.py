"""Texting end to end over the real API, the real store and the fake Twilio: a lead registers someone
without the app, the outbox texts them, and their replies (signed webhooks) confirm, check in, get
helplines, stop and start; delivery receipts; budgets; the export.
"""

from __future__ import annotations

import asyncio
import itertools
import re
import uuid
from datetime import timedelta
from typing import Any

import httpx
import pytest

from domain.accounts.export_document import gather
from domain.checkins.reminders import reminder_channel
from domain.notifications import Pipeline, Texting, deliver, notify
from domain.shares import AnonymityKey
from infra.mongo.client import Database
from infra.push import PushSender
from infra.settings import PushSettings, Settings
from infra.sms import TextSender
from schemas.documents.notifications import Channel, NotificationKind
from schemas.documents.text_budgets import PLATFORM
from tests.factories.devices import preferences_set, registered_device
from tests.factories.groups import created_group, mutate
from tests.factories.members import TestMember as Person
from tests.factories.members import onboarded_member
from tests.factories.organisations import OrgStaff, hosted, staffed_organisation
from tests.fixtures.app import GraphQLClient, RunningApi
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.changes import Changes
from tests.fixtures.fcm import FakeFcm
from tests.fixtures.twilio import FakeTwilio, Reply, post_signed

HIGH = "I want to kill myself"
_numbers = itertools.count(1)


def mobile() -> str:
    """A fresh UK mobile number, as a lead types it."""
    return f"07400 {next(_numbers):06d}"


def e164(typed: str) -> str:
    return "+44" + typed.replace(" ", "")[1:]


@pytest.fixture
def pipeline(api: RunningApi, push_sender: PushSender, text_sender: TextSender, settings: Settings) -> Pipeline:
    runtime = api.runtime
    texting = Texting(sender=text_sender, vault=runtime.vault, settings=settings.text)
    return Pipeline(
        repos=runtime.repos, push=push_sender, queue=runtime.queue, settings=PushSettings(retry_base_seconds=1.0),
        lease=timedelta(minutes=2), texting=texting,
    )  # fmt: skip


async def register(gql: GraphQLClient, lead: Person, group_id: str, number: str, **overrides: Any) -> dict[str, Any]:
    values = {
        "groupId": group_id, "phoneNumber": number, "displayName": "Bryn", "nation": "WALES", "language": "CY",
        "consent": True, "adultConfirmed": True,
    } | overrides  # fmt: skip
    return await mutate(gql, "TextMemberRegister", lead.token, **values)


async def outbox(db: Database, member_id: str, kind: str | None = None) -> list[dict[str, Any]]:
    query = {"member_id": member_id} | ({"kind": kind} if kind else {})
    return await db.notifications.find(query).sort("created_at", 1).to_list(None)


def twiml_messages(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/xml")
    return re.findall(r"<Message>(.*?)</Message>", response.text, flags=re.DOTALL)


async def text_in(
    http: httpx.AsyncClient, settings: Settings, fake: FakeTwilio, number: str, body: str, *, sid: str | None = None
) -> httpx.Response:
    params = fake.inbound(from_=number, body=body)
    if sid is not None:
        params |= {"MessageSid": sid, "SmsSid": sid, "SmsMessageSid": sid}
    return await post_signed(http, settings, fake, "/twilio/inbound", params)


@pytest.fixture
async def lead(gql: GraphQLClient, auth_emulator: AuthEmulator) -> Person:
    return await onboarded_member(gql, auth_emulator, nation="ENGLAND", language="EN")


async def confirmed(
    gql: GraphQLClient, http: httpx.AsyncClient, settings: Settings, fake: FakeTwilio, db: Database,
    pipeline: Pipeline, lead: Person, **overrides: Any,
) -> tuple[str, str, str]:  # fmt: skip
    """A member registered by text, welcomed and confirmed: (member id, E.164 number, group id)."""
    group_id = await created_group(gql, lead)
    typed = mobile()
    result = await register(gql, lead, group_id, typed, **overrides)
    assert result["__typename"] == "TextMemberRegisterSuccess", result
    member_id = result["member"]["id"]
    [welcome] = await outbox(db, member_id, "text_welcome")
    await deliver(pipeline=pipeline, notification_id=welcome["_id"], member_id=member_id, now=welcome["created_at"])
    twiml_messages(await text_in(http, settings, fake, e164(typed), "YES"))
    return member_id, e164(typed), group_id


async def test_a_lead_registers_someone_by_phone_who_is_texted_and_confirms_with_yes(
    api: RunningApi, gql: GraphQLClient, http: httpx.AsyncClient, settings: Settings, fake_twilio: FakeTwilio,
    db: Database, pipeline: Pipeline, lead: Person,
) -> None:  # fmt: skip
    group_id = await created_group(gql, lead)
    typed = mobile()

    result = await register(gql, lead, group_id, typed, language="EN")

    assert result["__typename"] == "TextMemberRegisterSuccess", result
    member = result["member"]
    assert (member["displayName"], member["role"], member["joinsByText"]) == ("Bryn", "MEMBER", True)
    contact = await db.text_contacts.find_one({"_id": member["id"]})
    assert contact is not None
    assert contact["status"] == "pending"
    assert e164(typed)[3:] not in str(contact)  # encrypted at rest, found by a keyed hash
    assert contact["phone_hash"] == api.runtime.vault.lookup_hash(e164(typed))
    stored = await db.members.find_one({"_id": member["id"]})
    assert stored is not None
    assert stored["joins_by_text"]
    assert stored["firebase_uid"] == f"text:{member['id']}"
    [welcome] = await outbox(db, member["id"])
    assert (welcome["kind"], welcome["channel"]) == ("text_welcome", "sms")

    status = await deliver(pipeline=pipeline, notification_id=welcome["_id"], member_id=member["id"],
                           now=welcome["created_at"])  # fmt: skip

    assert status == "sent"
    [text] = fake_twilio.texts(e164(typed))
    assert text.body.startswith("Hello. You've been added to a group to check in by text message. Reply YES")
    assert "Bryn" not in text.body
    assert text.status_callback == (
        f"{settings.text.webhook_base_url}/twilio/status?outbox={welcome['_id']}&member={member['id']}"
    )

    replies = twiml_messages(await text_in(http, settings, fake_twilio, e164(typed), "yes"))

    assert replies == [
        "Thanks, you're set up. We'll text you when your group checks in: reply with a number from 1 (very low) "
        "to 5 (very good). Reply HELP for help, STOP to stop."
    ]
    contact = await db.text_contacts.find_one({"_id": member["id"]})
    assert contact is not None
    assert contact["status"] == "active"


async def test_registration_refusals_are_typed_and_change_nothing(
    gql: GraphQLClient, auth_emulator: AuthEmulator, lead: Person, changes: Changes
) -> None:
    group_id = await created_group(gql, lead)
    member = await onboarded_member(gql, auth_emulator)
    taken = mobile()
    assert (await register(gql, lead, group_id, taken))["__typename"] == "TextMemberRegisterSuccess"
    mark = await changes.mark()

    bad_number = await register(gql, lead, group_id, "020 7946 0018")
    no_consent = await register(gql, lead, group_id, mobile(), consent=False, adultConfirmed=False)
    again = await register(gql, lead, group_id, taken)
    not_a_lead = await register(gql, member, group_id, mobile())

    assert (bad_number["code"], [e["field"] for e in bad_number["fieldErrors"]]) == ("PHONE_INVALID", ["phoneNumber"])
    assert [e["code"] for e in no_consent["fieldErrors"]] == ["CONSENT_REQUIRED", "AGE_REQUIRED"]
    assert again["code"] == "PHONE_TAKEN"
    assert not_a_lead["errors"][0]["extensions"]["code"] == "NOT_FOUND"  # not in the group: it looks missing
    assert await changes.since(mark) == []


@pytest.mark.parametrize(
    "tamper",
    ["unsigned", "wrong_token", "other_url", "changed_body"],
)
async def test_an_unsigned_or_wrongly_signed_webhook_changes_nothing(
    http: httpx.AsyncClient, settings: Settings, fake_twilio: FakeTwilio, changes: Changes, tamper: str
) -> None:
    params = fake_twilio.inbound(from_="+447400999999", body=HIGH)
    public = settings.text.webhook_base_url + "/twilio/inbound"
    signature = {
        "unsigned": None,
        "wrong_token": FakeTwilio(auth_token="another-account-token").sign(public, params),
        "other_url": fake_twilio.sign("https://elsewhere.example/twilio/inbound", params),
        "changed_body": fake_twilio.sign(public, params | {"Body": "3"}),
    }[tamper]
    mark = await changes.mark()

    inbound = await post_signed(http, settings, fake_twilio, "/twilio/inbound", params, signature=signature)
    receipt = await post_signed(
        http, settings, fake_twilio, "/twilio/status?outbox=x", {"MessageSid": "SMx", "MessageStatus": "failed"},
        signature=signature,
    )  # fmt: skip

    assert (inbound.status_code, receipt.status_code) == (403, 403)
    assert await changes.since(mark) == []


async def test_a_reply_with_a_number_is_a_check_in_once_per_message_sid(
    gql: GraphQLClient, http: httpx.AsyncClient, settings: Settings, fake_twilio: FakeTwilio, db: Database,
    pipeline: Pipeline, lead: Person,
) -> None:  # fmt: skip
    member_id, number, group_id = await confirmed(gql, http, settings, fake_twilio, db, pipeline, lead)
    sid = f"SM{uuid.uuid4().hex}"

    first = twiml_messages(await text_in(http, settings, fake_twilio, number, " 4 tired today ", sid=sid))
    again = twiml_messages(await text_in(http, settings, fake_twilio, number, " 4 tired today ", sid=sid))
    welsh = twiml_messages(await text_in(http, settings, fake_twilio, number, "tri"))

    assert first == again == welsh == ["Diolch am gofrestru."]
    check_ins = await db.checkins.find({"member_id": member_id}).sort("created_at", 1).to_list(None)
    assert [(c["mood"], c["note"], c["group_id"], c["idempotency_key"]) for c in check_ins] == [
        (4, "tired today", group_id, sid),
        (3, None, group_id, check_ins[1]["idempotency_key"]),
    ]
    membership = await db.memberships.find_one({"member_id": member_id, "group_id": group_id})
    assert membership is not None
    assert membership["last_checkin_at"] is not None


async def test_a_worrying_text_gets_welsh_helplines_in_the_same_answer_and_alerts_safeguarding(
    gql: GraphQLClient, http: httpx.AsyncClient, settings: Settings, fake_twilio: FakeTwilio, db: Database,
    pipeline: Pipeline, lead: Person, changes: Changes,
) -> None:  # fmt: skip
    member_id, number, _ = await confirmed(gql, http, settings, fake_twilio, db, pipeline, lead)
    sid = f"SM{uuid.uuid4().hex}"
    mark = await changes.mark()

    replies = twiml_messages(await text_in(http, settings, fake_twilio, number, HIGH, sid=sid))

    assert len(replies) == 1
    assert "Y Samariaid" in replies[0]
    assert "116 123" in replies[0]
    assert "999" in replies[0]
    assert "Ffonia" in replies[0]  # in the member's language (Welsh)
    alert = await db.safeguarding_alerts.find_one({"source_key": f"text_message:{sid}"})
    assert alert is not None
    assert (alert["member_id"], alert["level"]) == (member_id, "high")
    assert not any("queue" in change for change in await changes.since(mark))  # answered without the worker queue


async def test_an_unknown_number_in_crisis_still_gets_helplines(
    http: httpx.AsyncClient, settings: Settings, fake_twilio: FakeTwilio
) -> None:
    [helplines] = twiml_messages(await text_in(http, settings, fake_twilio, "+447400888888", HIGH))
    assert "116 123" in helplines
    assert twiml_messages(await text_in(http, settings, fake_twilio, "+447400888888", "3")) == []


async def test_stop_and_start_in_english_and_welsh(
    gql: GraphQLClient, http: httpx.AsyncClient, settings: Settings, fake_twilio: FakeTwilio, db: Database,
    pipeline: Pipeline, lead: Person,
) -> None:  # fmt: skip
    member_id, number, _ = await confirmed(gql, http, settings, fake_twilio, db, pipeline, lead)

    async def status() -> str:
        contact = await db.text_contacts.find_one({"_id": member_id})
        assert contact is not None
        return str(contact["status"])

    assert twiml_messages(await text_in(http, settings, fake_twilio, number, "STOP")) == []  # Twilio confirms it
    assert await status() == "stopped"
    assert twiml_messages(await text_in(http, settings, fake_twilio, number, "3")) == []
    assert twiml_messages(await text_in(http, settings, fake_twilio, number, "start")) == []
    assert await status() == "active"
    assert twiml_messages(await text_in(http, settings, fake_twilio, number, "dim")) == [
        "Fyddwch chi ddim yn cael rhagor o negeseuon gennym ni. Atebwch DECHRAU i ddechrau eto."
    ]
    assert await status() == "stopped"
    assert twiml_messages(await text_in(http, settings, fake_twilio, number, "Dechrau")) == [
        "Croeso'n ôl. Byddwn ni'n anfon neges pan fydd eich grŵp yn cofrestru. Atebwch DIM i stopio."
    ]
    [help_] = twiml_messages(await text_in(http, settings, fake_twilio, number, "HELP"))
    assert help_.startswith("Negeseuon cofrestru gan eich grŵp.")
    assert "116 123" in help_


async def test_a_spent_budget_stops_replies_but_never_helplines(
    gql: GraphQLClient, http: httpx.AsyncClient, settings: Settings, fake_twilio: FakeTwilio, db: Database,
    pipeline: Pipeline, lead: Person, api: RunningApi,
) -> None:  # fmt: skip
    member_id, number, _ = await confirmed(gql, http, settings, fake_twilio, db, pipeline, lead)
    month = f"{api.runtime.clock.now():%Y-%m}"
    limit = settings.text.monthly_budget_default
    await db.text_budgets.update_one({"_id": f"{PLATFORM}:{month}"}, {"$set": {"sent": limit}})

    try:
        thanks = twiml_messages(await text_in(http, settings, fake_twilio, number, "3"))
        crisis = twiml_messages(await text_in(http, settings, fake_twilio, number, HIGH))
        budget = await db.text_budgets.find_one({"_id": f"{PLATFORM}:{month}"})
    finally:  # the module's other tests text on the same budget
        await db.text_budgets.update_one({"_id": f"{PLATFORM}:{month}"}, {"$set": {"sent": 0}})

    assert thanks == []
    assert len(crisis) == 1
    assert "116 123" in crisis[0]
    assert await db.checkins.count_documents({"member_id": member_id}) == 1  # the check-in itself is kept
    assert budget is not None
    assert budget["sent"] == limit + 1


async def test_a_delivery_receipt_records_the_final_state_of_the_text(
    api: RunningApi, gql: GraphQLClient, http: httpx.AsyncClient, settings: Settings, fake_twilio: FakeTwilio,
    db: Database, pipeline: Pipeline, lead: Person,
) -> None:  # fmt: skip
    member_id, number, _ = await confirmed(gql, http, settings, fake_twilio, db, pipeline, lead)
    [welcome] = await outbox(db, member_id, "text_welcome")
    [text] = fake_twilio.texts(number)

    # From another thread, as Twilio calls in: the API serves on this test's event loop.
    assert await asyncio.to_thread(fake_twilio.status, text.sid, "delivered", via=api.base_url) == 204

    stored = (await outbox(db, member_id, "text_welcome"))[0]
    assert stored["push"]["deliveries"]["phone"]["message_id"] == text.sid
    assert stored["push"]["deliveries"]["phone"]["receipt"] == "delivered"
    assert welcome["_id"] == stored["_id"]


async def test_the_export_holds_the_number_and_its_consent(
    api: RunningApi, gql: GraphQLClient, http: httpx.AsyncClient, settings: Settings, fake_twilio: FakeTwilio,
    db: Database, pipeline: Pipeline, lead: Person,
) -> None:  # fmt: skip
    member_id, number, group_id = await confirmed(gql, http, settings, fake_twilio, db, pipeline, lead)
    [member] = await api.runtime.repos.members.get_many([member_id])
    key = AnonymityKey.of(settings.anonymity_key.get_secret_value())

    exported = await gather(repos=api.runtime.repos, key=key, member=member, now=api.runtime.clock.now(),
                            vault=api.runtime.vault)  # fmt: skip

    texting = exported["textMessages"]
    assert (texting["phoneNumber"], texting["status"], texting["groupId"], texting["textOnly"]) == (
        number, "active", group_id, True,
    )  # fmt: skip
    assert texting["consentRecordedAt"] is not None
    assert texting["confirmedAt"] is not None


async def test_reminder_texts_warn_staff_at_80_percent_and_stop_at_the_budget(
    api: RunningApi, gql: GraphQLClient, http: httpx.AsyncClient, settings: Settings, fake_twilio: FakeTwilio,
    db: Database, pipeline: Pipeline, lead: Person,
) -> None:  # fmt: skip
    member_id, number, group_id = await confirmed(gql, http, settings, fake_twilio, db, pipeline, lead)
    no_limits = {"preferences.quiet_hours_start": "00:00", "preferences.quiet_hours_end": "00:00",
                 "preferences.daily_push_cap": 10}  # fmt: skip
    await db.members.update_one({"_id": member_id}, {"$set": no_limits})
    runtime, now = api.runtime, api.runtime.clock.now()
    month, limit = f"{now:%Y-%m}", settings.text.monthly_budget_default
    budget_id = f"{PLATFORM}:{month}"

    async def reminder() -> str:
        sent = await notify(
            repos=runtime.repos, queue=runtime.queue, member_id=member_id, kind=NotificationKind.CHECK_IN_REMINDER,
            dedupe_key=f"test:{uuid.uuid4()}", params={"groupId": group_id}, now=now, channel=Channel.SMS,
        )  # fmt: skip
        assert sent is not None
        return str(await deliver(pipeline=pipeline, notification_id=sent.id, member_id=member_id, now=now))

    try:
        await db.text_budgets.update_one(
            {"_id": budget_id}, {"$set": {"sent": int(limit * 0.8) - 1, "warned_at": None}}
        )
        assert await reminder() == "sent"  # the 80% text
        query = {"kind": "text_budget_low", "open_key": f"text_budget_low:{budget_id}"}
        assert len(await db.staff_alerts.find(query).to_list(None)) == 1
        assert await reminder() == "sent"  # warned once a month, not again
        assert await db.staff_alerts.count_documents({"kind": "text_budget_low"}) == 1
        await db.text_budgets.update_one({"_id": budget_id}, {"$set": {"sent": limit}})
        before = len(fake_twilio.texts(number))
        assert await reminder() == "failed"
        assert len(fake_twilio.texts(number)) == before
    finally:
        await db.text_budgets.update_one({"_id": budget_id}, {"$set": {"sent": 0, "warned_at": None}})


async def test_a_member_with_the_app_chooses_texts_for_reminders_at_their_own_number(
    api: RunningApi, gql: GraphQLClient, http: httpx.AsyncClient, settings: Settings, fake_twilio: FakeTwilio,
    db: Database, pipeline: Pipeline, lead: Person, fake_fcm: FakeFcm,
) -> None:  # fmt: skip
    group_id = await created_group(gql, lead)
    await preferences_set(gql, lead, quietHoursStart="00:00", quietHoursEnd="00:00")
    phone = await registered_device(gql, lead)
    chose = await mutate(gql, "NotificationPreferencesSet", lead.token, reminderChannel="TEXT")
    assert chose["preferences"]["reminderChannel"] == "TEXT"
    runtime, now = api.runtime, api.runtime.clock.now()

    async def reminder() -> str:
        sent = await notify(
            repos=runtime.repos, queue=runtime.queue, member_id=lead.id, kind=NotificationKind.CHECK_IN_REMINDER,
            dedupe_key=f"test:{uuid.uuid4()}", params={"groupId": group_id}, now=now,
            channel=reminder_channel((await runtime.repos.members.get_many([lead.id]))[0]),
        )  # fmt: skip
        assert sent is not None
        assert sent.channel is Channel.SMS
        return str(await deliver(pipeline=pipeline, notification_id=sent.id, member_id=lead.id, now=now))

    # Without a confirmed number, a reminder still comes, as a push
    assert await reminder() == "sent"
    assert len(fake_fcm.received(phone)) == 1

    typed = mobile()
    result = await mutate(gql, "TextNumberSet", lead.token, groupId=group_id, phoneNumber=typed, consent=True)
    assert result == {"__typename": "TextNumberSetSuccess", "confirmed": False}
    [welcome] = await outbox(db, lead.id, "text_welcome")
    await deliver(pipeline=pipeline, notification_id=welcome["_id"], member_id=lead.id, now=welcome["created_at"])
    assert twiml_messages(await text_in(http, settings, fake_twilio, e164(typed), "YES"))[0].startswith("Thanks")

    # With it, reminders are texts, not pushes
    assert await reminder() == "sent"
    assert [t.body for t in fake_twilio.texts(e164(typed))][-1].startswith("Time to check in.")
    assert len(fake_fcm.received(phone)) == 1


async def test_a_nudge_for_someone_without_the_app_goes_by_text_and_app_only_kinds_do_not(
    api: RunningApi, gql: GraphQLClient, http: httpx.AsyncClient, settings: Settings, fake_twilio: FakeTwilio,
    db: Database, pipeline: Pipeline, lead: Person,
) -> None:  # fmt: skip
    member_id, number, group_id = await confirmed(gql, http, settings, fake_twilio, db, pipeline, lead)
    no_limits = {"preferences.quiet_hours_start": "00:00", "preferences.quiet_hours_end": "00:00"}
    await db.members.update_one({"_id": member_id}, {"$set": no_limits})
    runtime, now = api.runtime, api.runtime.clock.now()

    async def notified(kind: NotificationKind, params: dict[str, str]) -> str:
        sent = await notify(
            repos=runtime.repos, queue=runtime.queue, member_id=member_id, kind=kind,
            dedupe_key=f"test:{uuid.uuid4()}", params=params, now=now,
        )  # fmt: skip
        assert sent is not None
        assert sent.channel is Channel.PUSH
        return str(await deliver(pipeline=pipeline, notification_id=sent.id, member_id=member_id, now=now))

    assert await notified(NotificationKind.QUIET_NUDGE, {"groupId": group_id}) == "sent"
    assert fake_twilio.texts(number)[-1].body.startswith(
        "Rydyn ni wedi gweld eich colli chi."
    )  # Welsh, lock-screen safe
    assert await notified(NotificationKind.THREAD_MESSAGE, {"threadId": "thread-1"}) == "suppressed"


@pytest.mark.engine_contract
async def test_two_leads_registering_one_number_at_once_add_one_member(
    gql: GraphQLClient, auth_emulator: AuthEmulator, lead: Person, db: Database
) -> None:
    group_id = await created_group(gql, lead)
    other = await onboarded_member(gql, auth_emulator)
    other_group = await created_group(gql, other)
    typed = mobile()

    results = await asyncio.gather(register(gql, lead, group_id, typed), register(gql, other, other_group, typed))

    assert sorted(r["__typename"] for r in results) == ["TextMemberRegisterError", "TextMemberRegisterSuccess"]
    assert [r["code"] for r in results if r["__typename"].endswith("Error")] == ["PHONE_TAKEN"]
    assert await db.members.count_documents({"display_name": "Bryn", "joins_by_text": True, "_id": {
        "$in": [r["member"]["id"] for r in results if r["__typename"].endswith("Success")]}}) == 1  # fmt: skip


async def test_a_receipt_saying_the_number_opted_out_stops_its_texts(
    api: RunningApi, gql: GraphQLClient, http: httpx.AsyncClient, settings: Settings, fake_twilio: FakeTwilio,
    db: Database, pipeline: Pipeline, lead: Person,
) -> None:  # fmt: skip
    member_id, number, _ = await confirmed(gql, http, settings, fake_twilio, db, pipeline, lead)
    [text] = fake_twilio.texts(number)

    status = await asyncio.to_thread(fake_twilio.status, text.sid, "undelivered", error_code=21610, via=api.base_url)

    assert status == 204
    contact = await db.text_contacts.find_one({"_id": member_id})
    assert contact is not None
    assert contact["status"] == "stopped"


async def test_a_429_or_503_from_twilio_is_retried_later_and_sent_once(
    api: RunningApi, gql: GraphQLClient, http: httpx.AsyncClient, settings: Settings, fake_twilio: FakeTwilio,
    db: Database, pipeline: Pipeline, lead: Person,
) -> None:  # fmt: skip
    member_id, number, group_id = await confirmed(gql, http, settings, fake_twilio, db, pipeline, lead)
    no_limits = {"preferences.quiet_hours_start": "00:00", "preferences.quiet_hours_end": "00:00"}
    await db.members.update_one({"_id": member_id}, {"$set": no_limits})
    runtime, now = api.runtime, api.runtime.clock.now()
    sent = await notify(
        repos=runtime.repos, queue=runtime.queue, member_id=member_id, kind=NotificationKind.CHECK_IN_REMINDER,
        dedupe_key=f"test:{uuid.uuid4()}", params={"groupId": group_id}, now=now, channel=Channel.SMS,
    )  # fmt: skip
    assert sent is not None
    fake_twilio.script(number, Reply.too_many_requests(), Reply.unavailable())
    before = await db.text_budgets.find_one({"_id": f"{PLATFORM}:{now:%Y-%m}"})

    first = await deliver(pipeline=pipeline, notification_id=sent.id, member_id=member_id, now=now)
    held = await db.notifications.find_one({"_id": sent.id})
    assert held is not None
    second = await deliver(pipeline=pipeline, notification_id=sent.id, member_id=member_id,
                           now=held["push"]["not_before"])  # fmt: skip
    held = await db.notifications.find_one({"_id": sent.id})
    assert held is not None
    third = await deliver(pipeline=pipeline, notification_id=sent.id, member_id=member_id,
                          now=held["push"]["not_before"])  # fmt: skip

    assert (first, second, third) == ("deferred", "deferred", "sent")
    assert [t.body for t in fake_twilio.texts(number)][1:] == [  # in Welsh, the member's language
        "Amser i gofrestru. Atebwch gyda rhif o 1 (isel iawn) i 5 (da iawn). Atebwch DIM i stopio."
    ]
    done = await db.notifications.find_one({"_id": sent.id})
    assert done is not None
    assert (done["push"]["attempts"], done["push"]["deliveries"]["phone"]["outcome"]) == (3, "accepted")
    after = await db.text_budgets.find_one({"_id": f"{PLATFORM}:{now:%Y-%m}"})
    assert before is not None
    assert after is not None
    assert after["sent"] == before["sent"] + 1  # the refused tries gave their places back


async def test_the_daily_cap_holds_a_text_until_the_next_morning(
    api: RunningApi, gql: GraphQLClient, http: httpx.AsyncClient, settings: Settings, fake_twilio: FakeTwilio,
    db: Database, pipeline: Pipeline, lead: Person,
) -> None:  # fmt: skip
    member_id, number, group_id = await confirmed(gql, http, settings, fake_twilio, db, pipeline, lead)
    capped = {"preferences.quiet_hours_start": "00:00", "preferences.quiet_hours_end": "00:00",
              "preferences.daily_push_cap": 1}  # fmt: skip
    await db.members.update_one({"_id": member_id}, {"$set": capped})
    runtime, now = api.runtime, api.runtime.clock.now()
    statuses = []
    for _ in range(2):  # the welcome already took today's one place
        sent = await notify(
            repos=runtime.repos, queue=runtime.queue, member_id=member_id, kind=NotificationKind.CHECK_IN_REMINDER,
            dedupe_key=f"test:{uuid.uuid4()}", params={"groupId": group_id}, now=now, channel=Channel.SMS,
        )  # fmt: skip
        assert sent is not None
        statuses.append(await deliver(pipeline=pipeline, notification_id=sent.id, member_id=member_id, now=now))
    assert statuses == ["deferred", "deferred"]
    assert len(fake_twilio.texts(number)) == 1


# Texting in hosted groups: the host organisation's staff register by text, its own monthly budget
# counts, and its admins hear at 80%.


@pytest.fixture(scope="module")
async def platform_admin(gql: GraphQLClient, auth_emulator: AuthEmulator) -> Person:
    return await onboarded_member(gql, auth_emulator, claims={"admin": True})


async def hosted_group(gql: GraphQLClient, platform_admin: Person, lead: Person, org: OrgStaff) -> str:
    group_id = await created_group(gql, lead)
    await hosted(gql, platform_admin, group_id, org.id)
    return group_id


async def test_the_host_s_admins_and_staff_register_by_text_and_nobody_else_of_an_organisation(
    gql: GraphQLClient, auth_emulator: AuthEmulator, lead: Person, platform_admin: Person, changes: Changes
) -> None:
    org = await staffed_organisation(gql, auth_emulator, platform_admin, "Riverside Mind")
    other = await staffed_organisation(gql, auth_emulator, platform_admin, "Hillside Carers")
    group_id = await hosted_group(gql, platform_admin, lead, org)

    by_admin = await register(gql, org.admin, group_id, mobile())
    by_staff = await register(gql, org.staff, group_id, mobile())
    mark = await changes.mark()
    by_safeguarding = await register(gql, org.safeguarding, group_id, mobile())
    by_other_admin = await register(gql, other.admin, group_id, mobile())
    by_other_staff = await register(gql, other.staff, group_id, mobile())

    assert by_admin["__typename"] == by_staff["__typename"] == "TextMemberRegisterSuccess"
    assert by_safeguarding["code"] == "NOT_PERMITTED"  # handling alerts is their part, not registering
    assert by_other_admin["errors"][0]["extensions"]["code"] == "NOT_FOUND"  # exactly like a missing group
    assert by_other_admin == by_other_staff
    assert await changes.since(mark) == []


async def test_only_the_organisation_s_admins_and_platform_admins_set_its_text_budget(
    gql: GraphQLClient, auth_emulator: AuthEmulator, platform_admin: Person, changes: Changes
) -> None:
    org = await staffed_organisation(gql, auth_emulator, platform_admin, "Riverside Mind")
    other = await staffed_organisation(gql, auth_emulator, platform_admin, "Hillside Carers")

    async def set_budget(person: Person, texts: int | None) -> dict[str, Any]:
        return await mutate(gql, "OrganisationTextBudgetSet", person.token, organisationId=org.id, monthlyTexts=texts)

    by_admin = await set_budget(org.admin, 300)
    by_platform = await set_budget(platform_admin, 400)
    mark = await changes.mark()
    too_many = await set_budget(org.admin, 1_000_001)
    negative = await set_budget(org.admin, -1)
    by_staff = await set_budget(org.staff, 10)
    by_other = await set_budget(other.admin, 10)
    refused_nothing_changed = await changes.since(mark)
    cleared = await set_budget(org.admin, None)

    assert by_admin["organisation"] == {"id": org.id, "textMonthlyBudget": 300}
    assert by_platform["organisation"] == {"id": org.id, "textMonthlyBudget": 400}
    assert too_many["code"] == negative["code"] == "TEXT_BUDGET_OUT_OF_RANGE"
    assert by_staff["code"] == "NOT_PERMITTED"
    assert by_other["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert refused_nothing_changed == []
    assert cleared["organisation"] == {"id": org.id, "textMonthlyBudget": None}  # back to the platform default


async def test_a_hosted_group_texts_on_its_organisation_s_budget_whose_admins_are_pushed_once_at_80_percent(
    api: RunningApi, gql: GraphQLClient, auth_emulator: AuthEmulator, http: httpx.AsyncClient, settings: Settings,
    fake_twilio: FakeTwilio, fake_fcm: FakeFcm, db: Database, pipeline: Pipeline, lead: Person,
    platform_admin: Person,
) -> None:  # fmt: skip
    org = await staffed_organisation(gql, auth_emulator, platform_admin, "Riverside Mind")
    budget = 10
    assert budget < settings.text.monthly_budget_default  # so the organisation's own budget is what stops texts
    set_ = await mutate(gql, "OrganisationTextBudgetSet", org.admin.token, organisationId=org.id, monthlyTexts=budget)
    assert set_["__typename"] == "OrganisationTextBudgetSetSuccess", set_
    admin_phone = await registered_device(gql, org.admin)
    await preferences_set(gql, org.admin, quietHoursStart="00:00", quietHoursEnd="00:00")
    group_id = await hosted_group(gql, platform_admin, lead, org)
    typed = mobile()
    registered = await register(gql, lead, group_id, typed)
    member_id = registered["member"]["id"]
    [welcome] = await outbox(db, member_id, "text_welcome")
    await deliver(pipeline=pipeline, notification_id=welcome["_id"], member_id=member_id, now=welcome["created_at"])
    twiml_messages(await text_in(http, settings, fake_twilio, e164(typed), "YES"))
    no_limits = {"preferences.quiet_hours_start": "00:00", "preferences.quiet_hours_end": "00:00",
                 "preferences.daily_push_cap": 20}  # fmt: skip
    await db.members.update_one({"_id": member_id}, {"$set": no_limits})
    runtime, now = api.runtime, api.runtime.clock.now()
    budget_id = f"{org.id}:{now:%Y-%m}"
    spent = await db.text_budgets.find_one({"_id": budget_id})
    assert spent is not None
    assert spent["sent"] == 2  # the welcome and the reply to YES, on the organisation's budget

    async def reminder() -> str:
        sent = await notify(
            repos=runtime.repos, queue=runtime.queue, member_id=member_id, kind=NotificationKind.CHECK_IN_REMINDER,
            dedupe_key=f"test:{uuid.uuid4()}", params={"groupId": group_id}, now=now, channel=Channel.SMS,
        )  # fmt: skip
        assert sent is not None
        return str(await deliver(pipeline=pipeline, notification_id=sent.id, member_id=member_id, now=now))

    async def warnings() -> list[dict[str, Any]]:
        return await outbox(db, org.admin.id, "text_budget_low")

    await db.text_budgets.update_one({"_id": budget_id}, {"$set": {"sent": 6}})
    assert await reminder() == "sent"  # the 7th text: under 80% of 10
    assert await warnings() == []
    assert await reminder() == "sent"  # the 8th: 80%
    [warning] = await warnings()
    assert await db.staff_alerts.count_documents({"open_key": f"text_budget_low:{budget_id}"}) == 1  # platform too
    assert await reminder() == "sent"  # the 9th: warned once a month, not again
    assert len(await warnings()) == 1
    await deliver(pipeline=pipeline, notification_id=warning["_id"], member_id=org.admin.id, now=now)
    [push] = fake_fcm.received(admin_phone)
    assert push.message["data"] == {"notificationId": warning["_id"], "kind": "TEXT_BUDGET_LOW"}  # lock-screen safe
    assert "Riverside" not in str(push.message)
    assert await reminder() == "sent"  # the 10th
    before = len(fake_twilio.texts(e164(typed)))
    assert await reminder() == "failed"  # the organisation's 10, not the platform's default
    assert len(fake_twilio.texts(e164(typed))) == before
