"""End to end with a real worker and beat: a high-risk share in a hosted group pages the person on
call, by push at the fake FCM and by email at the local SMTP server, with no call from the test.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from infra.mongo.client import Database
from infra.settings import Settings
from tests.factories.devices import no_quiet_hours, registered_device
from tests.factories.organisations import email_of, hosted, staffed_organisation
from tests.factories.shares import ShareCast, act, content_group
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.fcm import FakeFcm
from tests.fixtures.smtp import LocalSmtp
from tests.fixtures.workers import celery_processes, wait_until_ready
from tests.workers.notifications.support import eventually

WORKER_ENV = {"PUSH_PENDING_GRACE_SECONDS": "2", "WORKER_TASK_TIME_LIMIT_SECONDS": "30"}


@pytest.fixture(scope="module")
def workers(
    settings: Settings, fake_fcm: FakeFcm, local_smtp: LocalSmtp, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    logs = tmp_path_factory.mktemp("on-call-workers")
    smtp = {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(local_smtp.port)}
    with celery_processes(settings, logs, beat=True, tick_seconds=1.0, **fake_fcm.env(), **smtp, **WORKER_ENV):
        wait_until_ready(logs)  # the start-up is the fixture's time, not the test's
        yield logs


async def test_a_high_risk_share_pages_the_person_on_call_by_push_and_email(
    gql: GraphQLClient, db: Database, auth_emulator: AuthEmulator, share_cast: ShareCast, fake_fcm: FakeFcm,
    local_smtp: LocalSmtp, workers: Path,
) -> None:  # fmt: skip
    organisation = await staffed_organisation(gql, auth_emulator, share_cast.admin, "Riverside Mind")
    on_call = organisation.safeguarding
    await no_quiet_hours(gql, on_call)
    phone = await registered_device(gql, on_call)
    now = datetime.now(UTC)
    added = await act(
        gql, "RotaShiftAdd", organisation.admin.token, organisationId=organisation.id, memberId=on_call.id,
        startsAt=(now - timedelta(hours=1)).isoformat(), endsAt=(now + timedelta(hours=8)).isoformat(),
    )  # fmt: skip
    assert added["__typename"] == "RotaShiftAddSuccess", added
    group_id = await content_group(gql, db, share_cast)
    await hosted(gql, share_cast.admin, group_id, organisation.id)

    shared = await act(gql, "ShareCreate", share_cast.author.token, groupId=group_id, body="I want to kill myself")
    alert = await db.safeguarding_alerts.find_one({"source_id": shared["share"]["id"]})
    assert alert is not None

    [push] = await eventually(lambda: fake_fcm.received(phone), logs=workers)
    [email] = await eventually(lambda: local_smtp.to(email_of(on_call)), logs=workers)
    assert push.message["data"]["alertId"] == alert["_id"]
    assert alert["_id"] in email.get_content()
    stored = await db.safeguarding_alerts.find_one({"_id": alert["_id"]})
    assert stored is not None
    assert stored["page_step"] == 1
    assert stored["organisation_id"] == organisation.id
