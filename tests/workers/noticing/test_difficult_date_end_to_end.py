"""End to end: a real beat ticks, a real worker finds a difficult date due, writes the member's
check-in to the outbox, and delivers it to the fake FCM, once.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from domain.notifications.catalogue import text_for
from infra.mongo.client import Database
from infra.settings import Settings
from schemas.documents.members import Language
from schemas.documents.notifications import NotificationKind
from tests.factories.devices import registered_device
from tests.factories.frozen import frozen_api
from tests.factories.members import onboarded_member
from tests.factories.noticing import added_date
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.fcm import FakeFcm
from tests.fixtures.workers import celery_processes
from tests.workers.notifications.conftest import PUSH_ENV
from tests.workers.notifications.support import eventually, in_status


def a_zone_where_it_is_about_noon(now: datetime) -> str:
    """A fixed-offset zone where `now` is around midday: 09:00 there has just passed, and midnight is far."""
    offset = 12 - now.hour
    return "Etc/UTC" if offset == 0 else f"Etc/GMT{'-' if offset > 0 else '+'}{abs(offset)}"


async def test_a_real_worker_and_beat_check_in_on_a_member_on_their_day(
    settings: Settings,
    db: Database,
    auth_emulator: AuthEmulator,
    fake_fcm: FakeFcm,
    tmp_path: Path,
) -> None:
    # Given a Welsh-speaking member whose day it is where they live, with a phone; they added the
    # date a minute before 09:00 there (an API with its clock set then), so it is due now.
    zone = ZoneInfo(a_zone_where_it_is_about_noon(datetime.now(UTC)))
    today = datetime.now(zone).date()
    before_nine = datetime.combine(today, time(8, 59), tzinfo=zone).astimezone(UTC)
    async with frozen_api(settings, before_nine) as api:
        member = await onboarded_member(api.gql, auth_emulator, timezone=str(zone), language="CY")
        token = await registered_device(api.gql, member)
        date_id = await added_date(api.gql, member, label="Diwrnod Mam", month=today.month, day=today.day)

    # When beat and a worker run
    with celery_processes(settings, tmp_path, beat=True, tick_seconds=1.0, **fake_fcm.env(), **PUSH_ENV):
        found = await eventually(lambda: db.notifications.find_one({"member_id": member.id}), logs=tmp_path)
        sent = await eventually(lambda: in_status(db, found["_id"], "sent"), logs=tmp_path)

    # Then one gentle check-in reached the phone, in Welsh, and the date moved on to next year
    text = text_for(NotificationKind.DIFFICULT_DATE_CHECK_IN, Language.CY)
    [received] = fake_fcm.received(token)
    assert received.message["notification"] == {"title": text.title, "body": text.body}
    assert received.message["data"] == {
        "notificationId": sent["_id"],
        "kind": "DIFFICULT_DATE_CHECK_IN",
        "difficultDateId": date_id,
    }
    assert sent["dedupe_key"] == f"difficult_date:{date_id}:{today.isoformat()}:check_in"
    assert await db.notifications.count_documents({"member_id": member.id}) == 1
    stored = await db.difficult_dates.find_one({"_id": date_id})
    assert stored is not None
    assert stored["check_in_on"] > today.isoformat()
    assert stored["next_check_in_at"] > datetime.now(UTC) + timedelta(days=300)
