"""The anonymity oracle (ANON-15), a release gate.

An author, a lead and a member carry canary strings in every identity field
(display name, member id, Firebase uid, email, push token). The lead and the
member then act on anonymous content through every operation that touches it:
queries, mutations, their refusals and typed errors, the live feed, their
inboxes, their own data exports and the pushes their phones receive (from the
fake FCM). Nothing any
of them is shown, and no log line written meanwhile, may hold another's canary,
the HMAC key, or the author's keys. The group's member list is left out on
purpose: members see who is in their group (by design, by name); what must
never be learnt is who wrote what.
"""

from __future__ import annotations

import json
import logging
import uuid
from datetime import timedelta
from typing import Any

import pytest
from redis.asyncio import Redis

from domain.accounts.export import build_export
from domain.moderation.escalation import escalate_due
from domain.notifications.delivery import Pipeline, deliver
from domain.shares.anonymity import AnonymityKey
from infra.mongo.client import Database
from infra.push import PushSender
from infra.settings import PushSettings, Settings
from tests.anonymity.conftest import Canaried, Recorder, Scene, leaks, record_text, secrets_of
from tests.fixtures.app import GraphQLClient, RunningApi
from tests.fixtures.fcm import FakeFcm
from tests.support.live import LiveFeed, live_feed

HIGH = "I want to kill myself"


async def test_no_one_learns_who_wrote_what(
    gql: GraphQLClient, db: Database, api: RunningApi, redis: Redis, settings: Settings, scene: Scene,
    fake_fcm: FakeFcm, push_sender: PushSender, caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    for logger in ("api", "domain", "infra", "workers"):
        caplog.set_level(logging.DEBUG, logger=logger)
    caplog.set_level(logging.INFO)
    rec = Recorder(gql)
    author, lead, member = scene.author, scene.lead, scene.member
    started = api.runtime.clock.now()

    async with (
        live_feed(api.ws_url, lead.person.token, scene.group_id, broadcaster=api.runtime.broadcaster, redis=redis)
        as lead_feed,
        live_feed(api.ws_url, member.person.token, scene.group_id, broadcaster=api.runtime.broadcaster, redis=redis)
        as member_feed,
    ):  # fmt: skip
        # The author shares twice without their name (once in crisis words) and answers the member.
        first = (await rec.act(author, "ShareCreate", groupId=scene.group_id, body="A grey one today."))["share"]
        crisis = (await rec.act(author, "ShareCreate", groupId=scene.group_id, body=HIGH))["share"]
        own = (await rec.act(member, "ShareCreate", groupId=scene.group_id, body="Same here."))["share"]
        reply = (await rec.act(author, "ResponseCreate", shareId=own["id"], body="You're not alone."))["response"]
        await rec.act(author, "ReactionSet", shareId=own["id"], kind="HERE_FOR_YOU")

        # The lead and the member read, follow, answer, react, and try what is not theirs.
        for who in (lead, member):
            await rec.run(who, "GroupFeed", groupId=scene.group_id)
            for share in (first, crisis, own):
                await rec.run(who, "ShareScreen", id=share["id"])
            await rec.act(who, "ResponseCreate", shareId=first["id"], body="Thinking of you.")
            await rec.act(who, "ResponseCreate", shareId=crisis["id"], body="", anonymous=True)  # typed error
            await rec.act(who, "ReactionSet", shareId=first["id"], kind="THINKING_OF_YOU")
            await rec.act(who, "ReactionSet", shareId=first["id"], kind="THINKING_OF_YOU")  # typed error
            await rec.act(who, "ReactionRemove", shareId=first["id"], kind="THINKING_OF_YOU")
            await rec.act(who, "ReactionRemove", shareId=first["id"], kind="ME_TOO")  # typed error
            await rec.act(who, "ShareUpdate", shareId=first["id"], body="Mine now.")  # typed NOT_PERMITTED
            await rec.act(who, "ShareDelete", shareId=crisis["id"])  # typed NOT_PERMITTED
            await rec.run(who, "ShareScreen", id=str(uuid.uuid4()))  # NOT_FOUND
        await rec.run(lead, "MyLeadership", first=20)
        await _moderate(rec, scene, first=first, crisis=crisis, reply=reply)
        await escalate_due(repos=api.runtime.repos, now=api.runtime.clock.now() + timedelta(days=1))
        await rec.act(author, "ShareDelete", shareId=first["id"])
        await _drain(lead_feed, member_feed)

    await _push_everything(db, api, push_sender, scene, started)
    for who in (lead, member):
        inbox = await rec.run(who, "Inbox", first=50)
        await rec.run(who, "UnreadNotificationCount")
        # Each opens the newest as from its push (notification(id:)), which must say no more than the inbox
        await rec.run(who, "Notification", id=inbox["data"]["notifications"]["nodes"][0]["id"])
        await _exported(rec, api, settings, who)

    shown = {
        lead.person.id: [*rec.shown[lead.person.id], *lead_feed.frames, *_pushes(fake_fcm, lead)],
        member.person.id: [*rec.shown[member.person.id], *member_feed.frames, *_pushes(fake_fcm, member)],
    }
    key = settings.anonymity_key.get_secret_value()
    # Enough was seen for the search to mean something: the operations, the live events, the pushes.
    assert (len(rec.shown[lead.person.id]), len(rec.shown[member.person.id])) == (27, 26)
    assert any('"moderationQueue"' in text and '"reason":"SPAM"' in text for text in rec.shown[lead.person.id])
    assert len(lead_feed.frames) >= 8
    assert len(member_feed.frames) >= 8
    assert len(_pushes(fake_fcm, lead)) >= 3
    assert len(_pushes(fake_fcm, member)) >= 3
    assert leaks(shown[lead.person.id], (*secrets_of(settings, author), *secrets_of(settings, member), key)) == []
    assert leaks(shown[member.person.id], (*secrets_of(settings, author), *secrets_of(settings, lead), key)) == []
    everyone = (*secrets_of(settings, author), *secrets_of(settings, lead), *secrets_of(settings, member), key)
    assert leaks([record_text(r) for r in caplog.records], everyone) == []
    assert [r for r in shown[member.person.id] if "kill myself" in r and "notification" in r] == []
    await _stored_content_holds_no_identity(db, scene, reply["id"])


async def _exported(rec: Recorder, api: RunningApi, settings: Settings, who: Canaried) -> None:
    """Their own data export (ANON-11), built as the worker builds it: the author's reply is in the member's."""
    requested = (await rec.run(who, "DataExportRequest"))["data"]["dataExportRequest"]
    key = AnonymityKey.of(settings.anonymity_key.get_secret_value())
    now = api.runtime.clock.now()
    export_id = requested["export"]["id"]
    await build_export(repos=api.runtime.repos, key=key, export_id=export_id, keep=timedelta(days=7), now=now)
    body = await rec.run(who, "DataExport", id=export_id)
    assert body["data"]["dataExport"]["state"] == "READY", body


async def _moderate(rec: Recorder, scene: Scene, *, first: dict[str, Any], crisis: dict[str, Any],
                    reply: dict[str, Any]) -> None:  # fmt: skip
    """The member reports; the lead reads the queue, hides, restores, dismisses; both try what is not theirs."""
    lead, member = scene.lead, scene.member
    on_reply = await rec.act(member, "ReportCreate", targetKind="RESPONSE", targetId=reply["id"], reason="OTHER")
    await rec.act(member, "ReportCreate", targetKind="SHARE", targetId=first["id"], reason="SPAM", note="Odd.")
    await rec.act(member, "ReportCreate", targetKind="SHARE", targetId=first["id"], reason="SPAM")  # typed error
    await rec.act(lead, "ReportCreate", targetKind="SHARE", targetId=crisis["id"], reason="SUICIDE_OR_SELF_HARM_RISK")
    await rec.run(member, "ModerationQueue", groupId=scene.group_id)  # FORBIDDEN
    await rec.run(lead, "ModerationQueue", groupId=scene.group_id)
    for action in ("HIDE", "RESTORE"):
        await rec.act(
            lead, "ContentModerate", targetKind="SHARE", targetId=crisis["id"], action=action, reason="Check."
        )
    await rec.act(
        member, "ContentModerate", targetKind="SHARE", targetId=first["id"], action="HIDE", reason="x"
    )  # typed NOT_PERMITTED
    await rec.act(lead, "ReportDismiss", reportId=on_reply["report"]["id"], reason="Kind words.")
    await rec.run(lead, "ModerationQueue", groupId=scene.group_id)
    for who in (lead, member):
        await rec.run(who, "SafeguardingAlerts")  # FORBIDDEN
        await rec.act(who, "AuthorRevealRequest", targetKind="SHARE", targetId=crisis["id"], reason="RISK_TO_LIFE",
                      justification="Curious.")  # fmt: skip


async def _drain(*feeds: LiveFeed) -> None:
    for feed in feeds:
        while True:
            try:
                await feed.next(within=0.5)
            except TimeoutError:
                break


async def _push_everything(db: Database, api: RunningApi, sender: PushSender, scene: Scene, started: Any) -> None:
    """Deliver every notification written during the scene, once its moment has come."""
    pipeline = Pipeline(
        repos=api.runtime.repos, push=sender, queue=api.runtime.queue, settings=PushSettings(),
        lease=timedelta(minutes=2),
    )  # fmt: skip
    later = api.runtime.clock.now() + timedelta(minutes=30)
    people = [scene.author.person.id, scene.lead.person.id, scene.member.person.id]
    for notification in await db.notifications.find({"member_id": {"$in": people}}).to_list(None):
        if notification["created_at"] >= started.replace(second=0, microsecond=0):
            await deliver(pipeline=pipeline, notification_id=notification["_id"], now=later)


def _pushes(fake_fcm: FakeFcm, who: Canaried) -> list[str]:
    return [json.dumps(received.message) for received in fake_fcm.received(who.device_token)]


async def _stored_content_holds_no_identity(db: Database, scene: Scene, reply_id: str) -> None:
    """ANON-2: the content collections hold no member id or uid at all (named content aside)."""
    people = [scene.author, scene.lead, scene.member]
    for collection in ("shares", "responses", "reactions", "authorship", "safeguarding_alerts"):
        dump = str(await db[collection].find().to_list(None))
        assert [p.display_name for p in people if p.person.id in dump or p.person.user.uid in dump] == [], collection
    assert await db.bylines.count_documents({"_id": reply_id}) == 0
