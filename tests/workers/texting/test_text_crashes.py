"""A worker killed while Twilio holds its text sends no second text: the run after the claim lapses
finds the text Twilio already took (its in-flight record, then Twilio's list) and records it as sent.
Real worker processes, the fake Twilio, the real API for the registration and the YES.
"""

from __future__ import annotations

import itertools
import signal
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from domain.notifications import notify
from infra.settings import Settings
from schemas.documents.notifications import Channel, NotificationKind
from tests.factories.groups import created_group, mutate
from tests.factories.members import onboarded_member
from tests.fixtures.app import GraphQLClient, RunningApi
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.fcm import FakeFcm
from tests.fixtures.twilio import FakeTwilio, post_signed
from tests.fixtures.workers import celery_processes, wait_until_ready
from tests.workers.notifications.support import children_of, eventually, kill, terminal

# A claim lapses 7 s after it was made (the 6 s time limit plus a 1 s margin): the sweeper then hands
# the text to the worker left standing.
CRASH_ENV = {
    "PUSH_PENDING_GRACE_SECONDS": "2",
    "PUSH_RETRY_BASE_SECONDS": "0.5",
    "WORKER_TASK_TIME_LIMIT_SECONDS": "6",
    "WORKER_CLAIM_MARGIN_SECONDS": "1",
}
_numbers = itertools.count(700_001)


@pytest.fixture
def workers(
    settings: Settings, fake_fcm: FakeFcm, fake_twilio: FakeTwilio, tmp_path: Path
) -> Iterator[list[subprocess.Popen[bytes]]]:
    env = {**fake_fcm.env(), **fake_twilio.env(), **CRASH_ENV}
    with celery_processes(settings, tmp_path, beat=True, concurrency=1, **env) as processes:
        wait_until_ready(tmp_path)
        yield processes


@pytest.fixture
def standby(
    settings: Settings, fake_fcm: FakeFcm, fake_twilio: FakeTwilio, workers: list[subprocess.Popen[bytes]],
    tmp_path: Path,
) -> Iterator[Path]:  # fmt: skip
    logs = tmp_path / "standby"
    logs.mkdir()
    env = {**fake_fcm.env(), **fake_twilio.env(), **CRASH_ENV}
    with celery_processes(settings, logs, beat=False, concurrency=1, **env):
        wait_until_ready(logs)
        yield logs


async def test_a_worker_killed_while_twilio_holds_its_text_sends_no_second_text(
    api: RunningApi, gql: GraphQLClient, http: httpx.AsyncClient, auth_emulator: AuthEmulator, settings: Settings,
    fake_twilio: FakeTwilio, workers: list[subprocess.Popen[bytes]], standby: Path, tmp_path: Path,
) -> None:  # fmt: skip
    lead = await onboarded_member(gql, auth_emulator, nation="ENGLAND", language="EN")
    group_id = await created_group(gql, lead)
    number = f"+447400{next(_numbers):06d}"
    result = await mutate(
        gql, "TextMemberRegister", lead.token, groupId=group_id, phoneNumber=number, displayName="Bryn",
        nation="ENGLAND", language="EN", consent=True, adultConfirmed=True,
    )  # fmt: skip
    member_id = result["member"]["id"]
    await eventually(lambda: len(fake_twilio.texts(number)) == 1, within=60, logs=tmp_path)  # the welcome, by a worker
    yes = fake_twilio.inbound(from_=number, body="YES")
    assert (await post_signed(http, settings, fake_twilio, "/twilio/inbound", yes)).status_code == 200
    no_quiet_hours = {"preferences.quiet_hours_start": "00:00", "preferences.quiet_hours_end": "00:00"}
    await api.runtime.db.members.update_one({"_id": member_id}, {"$set": no_quiet_hours})
    fake_twilio.delay_seconds = 3.0  # Twilio takes the text at once, then answers slowly
    try:
        # When a reminder is texted and the worker is killed while Twilio holds it
        sent = await notify(
            repos=api.runtime.repos, queue=api.runtime.queue, member_id=member_id,
            kind=NotificationKind.CHECK_IN_REMINDER, dedupe_key=f"crash:{uuid.uuid4()}", params={"groupId": group_id},
            now=api.runtime.clock.now(), channel=Channel.SMS,
        )  # fmt: skip
        assert sent is not None
        await eventually(lambda: len(fake_twilio.texts(number)) == 2, within=60, logs=tmp_path)
        kill(children_of(workers[0].pid), signal.SIGKILL)
    finally:
        fake_twilio.delay_seconds = 0.0
    # Then the text ends sent, once the killed run's claim lapses, and the member got it once
    done = await eventually(lambda: terminal(api.runtime.db, sent.id), within=90, logs=tmp_path)
    texts = fake_twilio.texts(number)
    assert [t.body for t in texts][1:] == [
        "Time to check in. Reply with a number from 1 (very low) to 5 (very good). Reply STOP to stop."
    ]
    assert done["push"]["status"] == "sent"
    assert done["push"]["deliveries"]["phone"]["message_id"] == texts[1].sid
    assert (
        await api.runtime.db.push_claims.count_documents({"notification_id": sent.id}) >= 2
    )  # a second run adopted it
