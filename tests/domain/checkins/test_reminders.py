"""Reminders in process: one per member who wants them, nothing twice whatever runs again or
dies half-way, the schedule moved on only after the fan-out, and the tick reading only due groups.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from redis.asyncio import Redis

from domain.checkins.reminders import remind_due, remind_group, reminder_key
from domain.groups.occurrences import next_occurrence
from infra.mongo.client import Database
from infra.queue import TaskQueue
from schemas.documents.groups import CheckInSchedule
from schemas.documents.support_resources import Weekday
from schemas.tasks.checkins import REMIND_GROUP
from schemas.tasks.notifications import DELIVER
from tests.factories.devices import preferences_set
from tests.factories.groups import created_group, invite_code, joined, mutate
from tests.factories.members import TestMember as Person
from tests.factories.members import onboarded_member
from tests.fixtures.app import CommandCounter, GraphQLClient, RunningApi
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.changes import queued_tasks

LONDON = "Europe/London"


@dataclass(frozen=True)
class Due:
    group_id: str
    lead: Person
    wants: list[Person]  # the lead and two members with reminders on
    declined: Person  # reminders switched off
    occurrence: datetime
    schedule: CheckInSchedule


async def due_group(gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database, *, minutes_ago: int = 5) -> Due:
    """A London group checking in every day, whose check-in came due `minutes_ago` minutes ago."""
    lead = await onboarded_member(gql, auth_emulator)
    group_id = await created_group(gql, lead, timezone=LONDON)
    code = await invite_code(gql, lead, group_id)
    members = [await onboarded_member(gql, auth_emulator) for _ in range(3)]
    for member in members:
        await joined(gql, member, code=code)
    await preferences_set(gql, members[2], reminders=False)
    occurrence = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(minutes=minutes_ago)
    local_time = f"{occurrence.astimezone(ZoneInfo(LONDON)):%H:%M}"
    await mutate(gql, "GroupScheduleSet", lead.token, groupId=group_id,
                 schedule={"weekdays": [d.name for d in Weekday], "localTime": local_time})  # fmt: skip
    await db.groups.update_one({"_id": group_id}, {"$set": {"next_checkin_at": occurrence}})
    schedule = CheckInSchedule(weekdays=tuple(Weekday), local_time=local_time)
    return Due(group_id, lead, [lead, *members[:2]], members[2], occurrence, schedule)


async def reminders_of(db: Database, due: Due) -> list[dict[str, Any]]:
    query = {"kind": "check_in_reminder", "params.groupId": due.group_id}
    return await db.notifications.find(query).sort("member_id").to_list(None)


async def next_checkin_at(db: Database, group_id: str) -> datetime | None:
    raw = await db.groups.find_one({"_id": group_id})
    assert raw is not None
    value: datetime | None = raw["next_checkin_at"]
    return value


async def test_one_reminder_per_member_who_wants_them_then_the_schedule_moves_on(
    api: RunningApi, gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database,
    private_broker: tuple[TaskQueue, Redis],
) -> None:  # fmt: skip
    due = await due_group(gql, auth_emulator, db)
    queue, _ = private_broker
    now = datetime.now(UTC)

    written = await remind_group(repos=api.runtime.repos, queue=queue, group_id=due.group_id,
                                 occurrence=due.occurrence, now=now)  # fmt: skip

    reminders = await reminders_of(db, due)
    assert written == 3
    assert sorted(r["member_id"] for r in reminders) == sorted(p.id for p in due.wants)
    assert {r["dedupe_key"] for r in reminders} == {reminder_key(due.group_id, due.occurrence, p.id) for p in due.wants}
    assert {r["params"]["groupId"] for r in reminders} == {due.group_id}
    assert await next_checkin_at(db, due.group_id) == next_occurrence(due.schedule, LONDON, after=now)


async def test_a_duplicate_task_and_a_crash_before_the_schedule_moved_send_nothing_twice(
    api: RunningApi, gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database,
    private_broker: tuple[TaskQueue, Redis],
) -> None:  # fmt: skip
    due = await due_group(gql, auth_emulator, db)
    queue, _ = private_broker
    repos, now = api.runtime.repos, datetime.now(UTC)
    await remind_group(repos=repos, queue=queue, group_id=due.group_id, occurrence=due.occurrence, now=now)
    first = await reminders_of(db, due)

    # When the same task runs again (a duplicate tick), and again after a crash before the schedule moved
    duplicate = await remind_group(repos=repos, queue=queue, group_id=due.group_id, occurrence=due.occurrence, now=now)
    await db.groups.update_one({"_id": due.group_id}, {"$set": {"next_checkin_at": due.occurrence}})
    rerun = await remind_group(repos=repos, queue=queue, group_id=due.group_id, occurrence=due.occurrence, now=now)

    # Then no reminder was written again, and the schedule moved on once more
    assert (duplicate, rerun) == (0, 0)
    assert await reminders_of(db, due) == first
    assert await next_checkin_at(db, due.group_id) == next_occurrence(due.schedule, LONDON, after=now)


async def test_a_group_s_reminders_are_one_write_and_a_rerun_sends_only_those_missing(
    api: RunningApi, gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database,
    private_broker: tuple[TaskQueue, Redis], command_counter: CommandCounter,
) -> None:  # fmt: skip
    due = await due_group(gql, auth_emulator, db)
    queue, redis = private_broker
    repos, now = api.runtime.repos, datetime.now(UTC)
    before = len(command_counter.commands)
    await remind_group(repos=repos, queue=queue, group_id=due.group_id, occurrence=due.occurrence, now=now)
    inserts = command_counter.commands[before:].count("insert")
    first = await queued_tasks(redis)

    # When one reminder is lost (as if a worker died before writing it) and the task runs again
    lost = await db.notifications.find_one_and_delete({"member_id": due.wants[1].id, "kind": "check_in_reminder"})
    await db.groups.update_one({"_id": due.group_id}, {"$set": {"next_checkin_at": due.occurrence}})
    rerun = await remind_group(repos=repos, queue=queue, group_id=due.group_id, occurrence=due.occurrence, now=now)

    # Then the three were one insert, and the rerun wrote and enqueued only the lost one
    assert inserts == 1
    assert [task.name for task in first] == [DELIVER] * 3
    assert lost is not None
    assert rerun == 1
    again = (await queued_tasks(redis))[len(first) :]
    assert [task.kwargs["member_id"] for task in again] == [due.wants[1].id]
    assert sorted(r["member_id"] for r in await reminders_of(db, due)) == sorted(p.id for p in due.wants)


async def test_an_occurrence_over_24_hours_old_is_skipped_not_replayed(
    api: RunningApi, gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database,
    private_broker: tuple[TaskQueue, Redis],
) -> None:  # fmt: skip
    # Given a group whose check-in came due 3 days ago (the workers were down)
    due = await due_group(gql, auth_emulator, db, minutes_ago=3 * 24 * 60)
    now = datetime.now(UTC)

    written = await remind_group(repos=api.runtime.repos, queue=private_broker[0], group_id=due.group_id,
                                 occurrence=due.occurrence, now=now)  # fmt: skip

    # Then nobody is reminded of it, and the next one is after now, not the day after the old one
    assert (written, await reminders_of(db, due)) == (0, [])
    following = await next_checkin_at(db, due.group_id)
    assert following is not None
    assert now < following <= now + timedelta(days=1)


async def test_a_changed_schedule_or_an_archived_group_gets_no_reminders(
    api: RunningApi, gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database,
    private_broker: tuple[TaskQueue, Redis],
) -> None:  # fmt: skip
    changed = await due_group(gql, auth_emulator, db)
    archived = await due_group(gql, auth_emulator, db)
    moved_to = changed.occurrence + timedelta(days=2)
    await db.groups.update_one({"_id": changed.group_id}, {"$set": {"next_checkin_at": moved_to}})
    await mutate(gql, "GroupArchive", archived.lead.token, groupId=archived.group_id)
    queue, now = private_broker[0], datetime.now(UTC)

    for due in (changed, archived):
        await remind_group(repos=api.runtime.repos, queue=queue, group_id=due.group_id,
                           occurrence=due.occurrence, now=now)  # fmt: skip

    assert (await reminders_of(db, changed), await reminders_of(db, archived)) == ([], [])
    assert await next_checkin_at(db, changed.group_id) == moved_to  # the lead's change stands
    assert await next_checkin_at(db, archived.group_id) is None  # reminders stop with the group


async def test_the_tick_enqueues_one_task_per_due_group_in_batches(
    api: RunningApi, gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database,
    private_broker: tuple[TaskQueue, Redis],
) -> None:  # fmt: skip
    # Given three due groups and one whose check-in is tomorrow
    due = [await due_group(gql, auth_emulator, db, minutes_ago=minutes) for minutes in (3, 2, 1)]
    later = await due_group(gql, auth_emulator, db)
    tomorrow = later.occurrence + timedelta(days=1)
    await db.groups.update_one({"_id": later.group_id}, {"$set": {"next_checkin_at": tomorrow}})
    queue, redis = private_broker
    await redis.delete("celery")

    # When the tick runs, reading two groups at a time
    count = await remind_due(repos=api.runtime.repos, queue=queue, now=datetime.now(UTC), batch=2, expires=60.0)

    # Then each due group has one task, oldest first, with its occurrence; the later group none
    messages = await queued_tasks(redis)
    assert count == len(messages)
    mine = [(kwargs["group_id"], kwargs["occurrence_at"]) for _, kwargs, _ in messages
            if kwargs["group_id"] in {d.group_id for d in [*due, later]}]  # fmt: skip
    assert mine == [(d.group_id, d.occurrence.isoformat().replace("+00:00", "Z")) for d in due]
    assert {(name, expires is not None) for name, _, expires in messages} == {(REMIND_GROUP, True)}


@pytest.mark.engine_contract  # counts commands of an indexed plan: FerretDB scans (filterPushdown: false)
async def test_the_tick_reads_due_groups_through_the_index(db: Database) -> None:
    explain = {
        "find": "groups",
        "filter": {"next_checkin_at": {"$lte": datetime.now(UTC)}},
        "sort": {"next_checkin_at": 1, "_id": 1},
    }
    plan = await db.command("explain", explain, verbosity="queryPlanner")
    assert '"indexName": "checkin_due"' in json.dumps(plan["queryPlanner"]["winningPlan"], default=str)
