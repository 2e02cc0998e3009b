"""No log line holds what a member wrote or a token (ANON-7).

Every logger is captured at DEBUG while a scripted run writes check-ins with
notes (one in crisis words), shares and responses (anonymous and named, one in
crisis words), edits one, registers and unregisters a phone with a canary
token, delivers the pushes to it through the fake FCM, and signs in (over HTTP
and the socket) with canary tokens as well as real ones. Each canary is a
random string; none may appear in any record's message, arguments, extras or
traceback.
"""

from __future__ import annotations

import json
import logging
import secrets
import string
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
import websockets

from domain.notifications.delivery import Pipeline, deliver
from infra.mongo.client import Database
from infra.push import PushSender
from infra.settings import PushSettings
from tests.factories import members
from tests.factories.checkins import checked_in
from tests.factories.devices import no_quiet_hours, registered_device
from tests.factories.groups import created_group, invite_code, joined
from tests.factories.shares import act, backdate_memberships, responded, shared
from tests.fixtures.app import GraphQLClient, RunningApi
from tests.fixtures.auth import AuthEmulator, unsigned_token
from tests.fixtures.fcm import FakeFcm
from tests.security.calls import operation_for, post

HIGH_RISK = "I want to kill myself"


def canary(kind: str) -> str:
    """Letters only (digits could read as a phone number and be refused)."""
    return f"canary{kind}" + "".join(secrets.choice(string.ascii_lowercase) for _ in range(12))


@dataclass
class Canaries:
    values: list[str] = field(default_factory=list)

    def __call__(self, kind: str) -> str:
        self.values.append(canary(kind))
        return self.values[-1]


def record_text(record: logging.LogRecord) -> str:
    """A record as any sink would get it: the message, its arguments, extras and traceback."""
    extras = {k: v for k, v in record.__dict__.items() if k not in {"msg", "args", "exc_info"}}
    return f"{logging.Formatter().format(record)} {record.args!r} {extras!r}"


@pytest.fixture
def every_logger_at_debug(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    for name in ["", *logging.root.manager.loggerDict]:
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


async def _people(
    gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database
) -> tuple[list[members.TestMember], str]:
    """A lead and four members of over a week, in a closed group."""
    people = [await members.onboarded_member(gql, auth_emulator, language="EN") for _ in range(5)]
    group_id = await created_group(gql, people[0])
    code = await invite_code(gql, people[0], group_id)
    for person in people[1:]:
        await joined(gql, person, code=code)
    await backdate_memberships(db, group_id)
    return people, group_id


async def _sign_in_attempts(gql: GraphQLClient, api: RunningApi, tokens: list[str]) -> None:
    for token in tokens:
        body = await gql("query Me { me { id } }", token=token)
        assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED", body
        async with websockets.connect(api.ws_url, subprotocols=[websockets.Subprotocol("graphql-transport-ws")]) as ws:
            await ws.send(json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {token}"}}))
            await ws.wait_closed()


async def _deliver_pushes(db: Database, api: RunningApi, sender: PushSender, member_id: str) -> int:
    pipeline = Pipeline(repos=api.runtime.repos, push=sender, queue=api.runtime.queue, settings=PushSettings(),
                        lease=timedelta(minutes=2))  # fmt: skip
    later = api.runtime.clock.now() + timedelta(hours=2)
    notifications = await db.notifications.find({"member_id": member_id}).to_list(None)
    for notification in notifications:
        await deliver(pipeline=pipeline, notification_id=notification["_id"], now=later)
    return len(notifications)


async def test_no_log_line_holds_a_note_a_share_body_or_a_token(
    gql: GraphQLClient, db: Database, api: RunningApi, auth_emulator: AuthEmulator, fake_fcm: FakeFcm,
    push_sender: PushSender, every_logger_at_debug: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    (lead, author, member, *_), group_id = await _people(gql, auth_emulator, db)
    secret = Canaries()
    await no_quiet_hours(gql, author)
    device = await registered_device(gql, author, token=f"{secret('token')}:APA91b{secrets.token_hex(40)}")
    secret.values.append(device)

    await checked_in(gql, author, mood=2, note=secret("note"))
    await checked_in(gql, author, mood=1, note=f"{HIGH_RISK} {secret('note')}", visibility="GROUP", groupId=group_id)
    share = await shared(gql, author, group_id, secret("share"))
    await shared(gql, author, group_id, f"{HIGH_RISK} {secret('share')}", anonymous=False)
    edited = await act(gql, "ShareUpdate", author.token, shareId=share["id"], body=secret("share"))
    await responded(gql, member, share["id"], secret("response"))
    await responded(gql, lead, share["id"], secret("response"), anonymous=False)
    unicode = {"shareId": share["id"], "body": f"{secret('response')}\ud800", "anonymous": True}
    refused = (await post(gql, operation_for("mutation", "responseCreate"), {"input": unicode}, member.token)).json()
    pushed = await _deliver_pushes(db, api, push_sender, author.id)
    await act(gql, "DeviceUnregister", author.token, token=device)
    await _sign_in_attempts(gql, api, [secret("bearer"), unsigned_token(secret("uid"), expires_in=-60)])

    # The run did what it says: the edit, the refusal, and pushes to the canary phone.
    assert edited["__typename"] == "ShareUpdateSuccess", edited
    assert refused["errors"][0]["extensions"]["code"] == "TEXT_NOT_UNICODE"
    assert pushed >= 1
    assert fake_fcm.received(device) != []
    # The test's own socket client logs what it sends; the app never opens one.
    records = [r for r in every_logger_at_debug.records if r.name != "websockets.client"]
    assert len(records) >= 10  # DEBUG capture is on: libraries and our own code logged
    forbidden = [*secret.values, lead.token, author.token, member.token]
    leaks = {(r.name, s[:14]) for r in records for s in forbidden if s.lower() in record_text(r).lower()}
    assert sorted(leaks) == [], "\n".join(map(str, sorted(leaks)))
