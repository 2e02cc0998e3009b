"""End to end with a real worker and beat: a group's scheduled check-in comes due, reminders reach
the fake FCM for members who want them (not for one who switched them off), a member in quiet
hours gets theirs when the quiet hours end, and a repeated tick or fan-out sends nothing twice.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from api.runtime import ApiRuntime
from domain.groups.occurrences import next_occurrence
from domain.notifications.catalogue import text_for
from infra.mongo.client import Database
from infra.settings import Settings
from schemas.documents.groups import CheckInSchedule
from schemas.documents.members import Language
from schemas.documents.notifications import NotificationKind
from schemas.documents.support_resources import Weekday
from schemas.tasks.checkins import REMIND_DUE, REMIND_GROUP, RemindGroup
from tests.factories.devices import no_quiet_hours, preferences_set, registered_device
from tests.factories.groups import created_group, invite_code, joined, mutate
from tests.factories.members import TestMember as Person
from tests.factories.members import onboarded_member
from tests.fixtures.app import GraphQLClient, RunningApi
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.fcm import FakeFcm
from tests.fixtures.workers import celery_processes, wait_until_ready
from tests.workers.notifications.support import eventually, in_status

LONDON = ZoneInfo("Europe/London")
REMINDER = text_for(NotificationKind.CHECK_IN_REMINDER, Language.CY)
# Short waits so the test takes seconds: the production defaults are in infra/settings.py.
WORKER_ENV = {
    "PUSH_PENDING_GRACE_SECONDS": "2",
    "PUSH_RETRY_BASE_SECONDS": "0.5",
    "WORKER_TASK_TIME_LIMIT_SECONDS": "30",
}


@dataclass(frozen=True)
class Workers:
    processes: list[subprocess.Popen[bytes]]
    logs: Path


@pytest.fixture(scope="module")
def workers(settings: Settings, fake_fcm: FakeFcm, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workers]:
    logs = tmp_path_factory.mktemp("reminder-workers")
    with celery_processes(
        settings, logs, beat=True, tick_seconds=1.0, concurrency=2, **fake_fcm.env(), **WORKER_ENV
    ) as processes:
        wait_until_ready(logs)  # the start-up is the fixture\'s time, not the first test\'s
        yield Workers(processes, logs)


@dataclass(frozen=True)
class Group:
    id: str
    lead: Person
    wants: Person  # reminders on, no quiet hours
    declined: Person  # reminders switched off
    sleeping: Person  # in quiet hours now
    tokens: dict[str, str]  # member id -> phone token
    schedule: CheckInSchedule
    quiet_end: datetime


async def _group(gql: GraphQLClient, auth_emulator: AuthEmulator) -> Group:
    """A London group checking in every day at a time three hours from now, with three members and their phones."""
    lead = await onboarded_member(gql, auth_emulator, timezone="Europe/London")
    group_id = await created_group(gql, lead, timezone="Europe/London")
    code = await invite_code(gql, lead, group_id)
    wants, declined, sleeping = [await onboarded_member(gql, auth_emulator) for _ in range(3)]
    for person in (wants, declined, sleeping):
        await joined(gql, person, code=code)
    tokens = {person.id: await registered_device(gql, person) for person in (lead, wants, declined, sleeping)}
    for person in (lead, wants, declined):
        await no_quiet_hours(gql, person)
    await preferences_set(gql, declined, reminders=False)
    local_now = datetime.now(LONDON)
    start, end = local_now - timedelta(hours=1), local_now + timedelta(hours=1)
    await preferences_set(gql, sleeping, quietHoursStart=f"{start:%H:%M}", quietHoursEnd=f"{end:%H:%M}")
    local_time = f"{local_now + timedelta(hours=3):%H:%M}"
    schedule = {"weekdays": [day.name for day in Weekday], "localTime": local_time}
    await mutate(gql, "GroupScheduleSet", lead.token, groupId=group_id, schedule=schedule)
    rule = CheckInSchedule(weekdays=tuple(Weekday), local_time=local_time)
    quiet_end = end.replace(second=0, microsecond=0).astimezone(UTC)
    return Group(group_id, lead, wants, declined, sleeping, tokens, rule, quiet_end)


async def _reminders(db: Database, group: Group) -> dict[str, str]:
    """The ids of the group's reminders, by member id."""
    found = await db.notifications.find({"kind": "check_in_reminder", "params.groupId": group.id}).to_list(None)
    return {n["member_id"]: n["_id"] for n in found}


async def _advanced_past(db: Database, group_id: str, occurrence: datetime) -> datetime | None:
    raw = await db.groups.find_one({"_id": group_id})
    assert raw is not None
    following: datetime | None = raw["next_checkin_at"]
    return following if following is not None and following > occurrence else None


async def test_a_due_check_in_reminds_each_member_who_wants_it_once_quiet_hours_deferring(
    workers: Workers,
    api: RunningApi,
    gql: GraphQLClient,
    auth_emulator: AuthEmulator,
    db: Database,
    fake_fcm: FakeFcm,
) -> None:
    # Given a group whose scheduled check-in came due a minute ago (set in the data, not waited for)
    group = await _group(gql, auth_emulator)
    occurrence = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(minutes=1)
    await db.groups.update_one({"_id": group.id}, {"$set": {"next_checkin_at": occurrence}})

    # When beat's tick finds it, the schedule moves on after the fan-out
    following = await eventually(lambda: _advanced_past(db, group.id, occurrence), logs=workers.logs)
    assert following == next_occurrence(group.schedule, "Europe/London", after=occurrence)

    # Then the lead and the member who wants reminders get one push each, in the inbox and on the phone
    reminders = await _reminders(db, group)
    assert set(reminders) == {group.lead.id, group.wants.id, group.sleeping.id}  # none for who switched off
    for person in (group.lead, group.wants):
        sent = await eventually(lambda p=person: in_status(db, reminders[p.id], "sent"), logs=workers.logs)
        [received] = fake_fcm.received(group.tokens[person.id])
        assert (received.android_tag, received.message["data"]["kind"]) == (sent["_id"], "CHECK_IN_REMINDER")
        # Lock-screen safe: the catalogue's words in the member's language (Welsh here), never the group's name
        assert received.message["notification"] == {"title": REMINDER.title, "body": REMINDER.body}

    # And the member in quiet hours has theirs held until the quiet hours end
    held_id = reminders[group.sleeping.id]
    held = await eventually(lambda: in_status(db, held_id, "deferred"), logs=workers.logs)
    assert (held["push"]["not_before"], held["push"]["last_error"]) == (group.quiet_end, "quiet_hours")
    assert fake_fcm.received(group.tokens[group.sleeping.id]) == []

    # When their quiet hours end (moved away from now, as the clock would)
    local_now = datetime.now(LONDON)
    await preferences_set(
        gql, group.sleeping, quietHoursStart=f"{local_now + timedelta(hours=2):%H:%M}",
        quietHoursEnd=f"{local_now + timedelta(hours=3):%H:%M}",
    )  # fmt: skip

    # Then it arrives, once; and nobody else got anything more
    await eventually(lambda: in_status(db, held_id, "sent"), logs=workers.logs)
    assert [len(fake_fcm.received(token)) for token in group.tokens.values()] == [1, 1, 0, 1]


async def test_a_repeated_tick_and_a_fan_out_rerun_after_a_crash_send_nothing_twice(
    workers: Workers,
    api: RunningApi,
    gql: GraphQLClient,
    auth_emulator: AuthEmulator,
    db: Database,
    fake_fcm: FakeFcm,
) -> None:
    # Given a group whose due check-in was reminded and delivered
    group = await _group(gql, auth_emulator)
    occurrence = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(minutes=2)
    await db.groups.update_one({"_id": group.id}, {"$set": {"next_checkin_at": occurrence}})
    following = await eventually(lambda: _advanced_past(db, group.id, occurrence), logs=workers.logs)
    first = await _reminders(db, group)
    for person in (group.lead, group.wants):
        await eventually(lambda p=person: in_status(db, first[p.id], "sent"), logs=workers.logs)

    # When a worker died after the fan-out but before moving the schedule on (it is due again), and
    # extra ticks and a duplicate of the group's task are sent as well
    await db.groups.update_one({"_id": group.id}, {"$set": {"next_checkin_at": occurrence}})
    runtime: ApiRuntime = api.runtime
    for _ in range(2):
        await runtime.queue.enqueue(REMIND_DUE)
        await runtime.queue.enqueue(REMIND_GROUP, RemindGroup(group_id=group.id, occurrence_at=occurrence))
    assert await eventually(lambda: _advanced_past(db, group.id, occurrence), logs=workers.logs) == following

    # Then no reminder was written again and no phone got a second push
    assert await _reminders(db, group) == first
    assert [len(fake_fcm.received(token)) for token in group.tokens.values()] == [1, 1, 0, 0]
