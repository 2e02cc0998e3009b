"""Safeguarding on call, with the clock moved: a high-risk alert of a hosted group pages the person on
duty by push (at the fake FCM) and by email (at a local SMTP server), climbs the rota at each missed
deadline, then reaches the platform's team; an acknowledgement stops it; a worker that dies
mid-page leaves nothing paged twice; the organisation's report gives the month's median and p95.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest

from domain.notifications.delivery import Pipeline, deliver
from domain.organisations import Pager, page_due
from infra.email import EmailSender
from infra.mongo.client import Database
from infra.push import PushSender
from infra.settings import EmailSettings, PushSettings
from tests.factories.devices import no_quiet_hours, registered_device
from tests.factories.members import TestMember as Person
from tests.factories.members import onboarded_member
from tests.factories.organisations import OrgStaff, email_of, granted, hosted, staffed_organisation
from tests.factories.shares import ShareCast, act, content_group, run
from tests.fixtures.app import GraphQLClient, RunningApi
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.fcm import FakeFcm
from tests.fixtures.smtp import LocalSmtp

HIGH = "I want to kill myself"
PLATFORM = "team@platform.example.org"


@pytest.fixture
def pager(api: RunningApi, local_smtp: LocalSmtp) -> Pager:
    return Pager(
        repos=api.runtime.repos, queue=api.runtime.queue, email=EmailSender(local_smtp.settings()),
        platform_address=PLATFORM,
    )  # fmt: skip


@pytest.fixture
def pipeline(api: RunningApi, push_sender: PushSender) -> Pipeline:
    return Pipeline(
        repos=api.runtime.repos, push=push_sender, queue=api.runtime.queue, settings=PushSettings(),
        lease=timedelta(minutes=2),
    )  # fmt: skip


@dataclass(frozen=True)
class OnCall:
    organisation: OrgStaff
    first: Person  # position 0
    second: Person  # position 1
    phones: dict[str, str]  # member id -> token
    group_id: str


async def _on_call(
    gql: GraphQLClient, db: Database, auth_emulator: AuthEmulator, cast: ShareCast, now: datetime
) -> OnCall:
    organisation = await staffed_organisation(gql, auth_emulator, cast.admin, "Riverside Mind")
    second = await onboarded_member(gql, auth_emulator, displayName="Second on call")
    await granted(gql, organisation.admin, organisation.id, second, "ORG_SAFEGUARDING")
    phones = {}
    for position, person in enumerate((organisation.safeguarding, second)):
        await no_quiet_hours(gql, person)
        phones[person.id] = await registered_device(gql, person)
        added = await act(
            gql, "RotaShiftAdd", organisation.admin.token, organisationId=organisation.id, memberId=person.id,
            startsAt=(now - timedelta(hours=1)).isoformat(), endsAt=(now + timedelta(hours=12)).isoformat(),
            position=position,
        )  # fmt: skip
        assert added["__typename"] == "RotaShiftAddSuccess", added
    group_id = await content_group(gql, db, cast)
    await hosted(gql, cast.admin, group_id, organisation.id)
    return OnCall(organisation, organisation.safeguarding, second, phones, group_id)


async def _alert(gql: GraphQLClient, db: Database, cast: ShareCast, group_id: str) -> dict[str, Any]:
    shared = await act(gql, "ShareCreate", cast.author.token, groupId=group_id, body=HIGH)
    alert = await db.safeguarding_alerts.find_one({"source_id": shared["share"]["id"]})
    assert alert is not None
    return alert


async def _pushes(db: Database, pipeline: Pipeline, alert_id: str, now: datetime) -> list[str]:
    """Deliver the alert's pages' pushes now; the members they were for."""
    pages = await db.notifications.find({"kind": "safeguarding_page", "params.alertId": alert_id}).to_list(None)
    for notification in pages:
        await deliver(
            pipeline=pipeline, notification_id=notification["_id"], member_id=notification["member_id"], now=now
        )
    return sorted(n["member_id"] for n in pages)


def _emails(smtp: LocalSmtp, address: str, alert_id: str) -> list[str]:
    return [str(m["Subject"]) for m in smtp.to(address) if alert_id in m.get_content()]


async def test_a_high_risk_alert_climbs_the_rota_then_reaches_the_platform(
    gql: GraphQLClient, db: Database, auth_emulator: AuthEmulator, share_cast: ShareCast, api: RunningApi,
    pager: Pager, pipeline: Pipeline, fake_fcm: FakeFcm, local_smtp: LocalSmtp,
) -> None:  # fmt: skip
    now = api.runtime.clock.now()
    cast = await _on_call(gql, db, auth_emulator, share_cast, now)
    alert = await _alert(gql, db, share_cast, cast.group_id)
    now = api.runtime.clock.now()  # the alert was raised just before: its first page is due
    first, second = cast.first, cast.second

    await page_due(pager=pager, now=now)
    assert await _pushes(db, pipeline, alert["_id"], now) == [first.id]
    [push] = fake_fcm.received(cast.phones[first.id])
    assert push.message["data"] == {"notificationId": push.message["data"]["notificationId"],
                                    "kind": "SAFEGUARDING_PAGE", "alertId": alert["_id"]}  # fmt: skip
    [subject] = _emails(local_smtp, email_of(first), alert["_id"])
    assert subject == "High-risk safeguarding alert: you are on call for Riverside Mind"
    body = local_smtp.to(email_of(first))[-1].get_content()
    assert HIGH not in body
    assert share_cast.author.id not in body

    await page_due(pager=pager, now=now + timedelta(minutes=14))  # inside the 15 minutes: nobody else
    assert await _pushes(db, pipeline, alert["_id"], now) == [first.id]

    await page_due(pager=pager, now=now + timedelta(minutes=15))
    assert await _pushes(db, pipeline, alert["_id"], now + timedelta(minutes=15)) == sorted([first.id, second.id])
    assert len(fake_fcm.received(cast.phones[second.id])) == 1
    assert len(_emails(local_smtp, email_of(second), alert["_id"])) == 1

    await page_due(pager=pager, now=now + timedelta(minutes=30))
    [escalated] = _emails(local_smtp, PLATFORM, alert["_id"])
    assert escalated == "Escalated safeguarding alert: nobody on call at Riverside Mind has acknowledged it"

    await page_due(pager=pager, now=now + timedelta(hours=3))  # the top of the chain: nothing more
    pages = await db.safeguarding_pages.find({"alert_id": alert["_id"]}).sort("step").to_list(None)
    assert [(p["step"], p["member_ids"], p["to_platform"]) for p in pages] == [
        (0, [first.id], False), (1, [second.id], False), (2, [], True),
    ]  # fmt: skip
    assert len(_emails(local_smtp, PLATFORM, alert["_id"])) == 1
    assert (len(fake_fcm.received(cast.phones[first.id])), len(fake_fcm.received(cast.phones[second.id]))) == (1, 1)
    listed = await run(gql, "SafeguardingAlerts", first.token, first=50)
    [row] = [a for a in listed["data"]["safeguardingAlerts"]["nodes"] if a["id"] == alert["_id"]]
    assert (row["pagesSent"], [p["step"] for p in row["pages"]], row["secondsToAcknowledge"]) == (3, [0, 1, 2], None)


async def test_an_acknowledgement_stops_the_climb_and_the_month_s_report_counts_it(
    gql: GraphQLClient, db: Database, auth_emulator: AuthEmulator, share_cast: ShareCast, api: RunningApi,
    pager: Pager, local_smtp: LocalSmtp,
) -> None:  # fmt: skip
    now = api.runtime.clock.now()
    cast = await _on_call(gql, db, auth_emulator, share_cast, now)
    alert = await _alert(gql, db, share_cast, cast.group_id)
    now = api.runtime.clock.now()  # the alert was raised just before: its first page is due
    await page_due(pager=pager, now=now)

    taken = await act(gql, "AlertAcknowledge", cast.first.token, alertId=alert["_id"])
    await page_due(pager=pager, now=now + timedelta(hours=1))

    assert taken["alert"]["status"] == "ACKNOWLEDGED"
    assert _emails(local_smtp, email_of(cast.second), alert["_id"]) == []
    [page] = await db.safeguarding_pages.find({"alert_id": alert["_id"]}).to_list(None)
    assert page["acknowledged_by"] == cast.first.id
    stored = await db.safeguarding_alerts.find_one({"_id": alert["_id"]})
    assert stored is not None
    assert stored["page_due_at"] is None
    seconds = int((stored["acknowledged_at"] - stored["created_at"]).total_seconds())
    assert taken["alert"]["secondsToAcknowledge"] == seconds
    report = await run(
        gql, "AcknowledgementReport", cast.organisation.admin.token, organisationId=cast.organisation.id, months=2
    )
    [earlier, this_month] = report["data"]["acknowledgementReport"]
    assert (earlier["alerts"], this_month["alerts"], this_month["acknowledged"]) == (0, 1, 1)
    assert (this_month["medianSeconds"], this_month["p95Seconds"]) == (seconds, seconds)


@pytest.fixture
def silent_smtp() -> Iterator[int]:
    """A server that takes the connection and never answers: a send hangs until the worker dies."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


async def test_a_worker_that_dies_mid_page_leaves_nothing_paged_twice(
    gql: GraphQLClient, db: Database, auth_emulator: AuthEmulator, share_cast: ShareCast, api: RunningApi,
    pager: Pager, pipeline: Pipeline, fake_fcm: FakeFcm, local_smtp: LocalSmtp, silent_smtp: int,
) -> None:  # fmt: skip
    now = api.runtime.clock.now()
    cast = await _on_call(gql, db, auth_emulator, share_cast, now)
    alert = await _alert(gql, db, share_cast, cast.group_id)
    now = api.runtime.clock.now()  # the alert was raised just before: its first page is due
    hanging = Pager(
        repos=pager.repos, queue=pager.queue, platform_address=PLATFORM,
        email=EmailSender(EmailSettings(host="127.0.0.1", port=silent_smtp, timeout_seconds=60)),
    )  # fmt: skip

    with pytest.raises(TimeoutError):  # the worker is killed while its email waits on the server
        await asyncio.wait_for(page_due(pager=hanging, now=now), timeout=1.0)
    half_done = await db.safeguarding_alerts.find_one({"_id": alert["_id"]})
    assert half_done is not None
    assert half_done["page_step"] == 0  # the step was not finished

    later = now + timedelta(minutes=3)  # the dead worker's email claim has lapsed
    await asyncio.gather(page_due(pager=pager, now=later), page_due(pager=pager, now=later))
    await page_due(pager=pager, now=later)

    assert await _pushes(db, pipeline, alert["_id"], later) == [cast.first.id]
    assert len(fake_fcm.received(cast.phones[cast.first.id])) == 1
    assert len(_emails(local_smtp, email_of(cast.first), alert["_id"])) == 1
    assert await db.safeguarding_pages.count_documents({"alert_id": alert["_id"]}) == 1
    done = await db.safeguarding_alerts.find_one({"_id": alert["_id"]})
    assert done is not None
    assert done["page_step"] == 1


async def test_an_unhosted_group_s_alert_is_left_to_the_platform_queue_as_before(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, api: RunningApi, pager: Pager
) -> None:
    group_id = await content_group(gql, db, share_cast)
    alert = await _alert(gql, db, share_cast, group_id)

    await page_due(pager=pager, now=api.runtime.clock.now())

    stored = await db.safeguarding_alerts.find_one({"_id": alert["_id"]})
    assert stored is not None
    assert (stored["page_due_at"], stored["page_step"], stored["status"]) == (None, 0, "open")
    assert await db.safeguarding_pages.count_documents({"alert_id": alert["_id"]}) == 0
