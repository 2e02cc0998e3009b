"""Joining check-ins to scheduled check-ins: a check-in within 24 hours after a group's scheduled
time answers it, for every group the member is in (they check in once, not once per group),
and moves those memberships' `last_checkin_at` forward, never back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from infra.mongo.client import Database
from schemas.documents.support_resources import Weekday
from tests.factories.checkins import checked_in
from tests.factories.groups import Cast, created_group, invite_code, joined, mutate
from tests.factories.members import TestMember as Person
from tests.factories.members import onboarded_member
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator

LONDON = ZoneInfo("Europe/London")
EVERY_DAY = [day.name for day in Weekday]


@dataclass(frozen=True)
class Groups:
    member: Person
    recent: str  # checks in every day, two hours ago
    long_ago: str  # checks in only on the weekday three days ago
    unscheduled: str
    scheduled_at: datetime  # the recent group's latest scheduled time


async def _scheduled(gql: GraphQLClient, cast: Cast, member: Person, weekdays: list[str], local_time: str) -> str:
    group_id = await created_group(gql, cast.lead, timezone="Europe/London")
    await joined(gql, member, code=await invite_code(gql, cast.lead, group_id))
    schedule = {"weekdays": weekdays, "localTime": local_time}
    result = await mutate(gql, "GroupScheduleSet", cast.lead.token, groupId=group_id, schedule=schedule)
    assert result["__typename"] == "GroupScheduleSetSuccess", result
    return group_id


@pytest.fixture
async def groups(gql: GraphQLClient, auth_emulator: AuthEmulator, cast: Cast) -> Groups:
    member = await onboarded_member(gql, auth_emulator)
    scheduled_at = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(hours=2)
    three_days_ago = (datetime.now(LONDON) - timedelta(days=3)).strftime("%A").upper()
    unscheduled = await created_group(gql, cast.lead)
    await joined(gql, member, code=await invite_code(gql, cast.lead, unscheduled))
    return Groups(
        member=member,
        recent=await _scheduled(gql, cast, member, EVERY_DAY, f"{scheduled_at.astimezone(LONDON):%H:%M}"),
        long_ago=await _scheduled(gql, cast, member, [three_days_ago], "09:00"),
        unscheduled=unscheduled,
        scheduled_at=scheduled_at,
    )


async def _last_check_ins(db: Database, member: Person) -> dict[str, datetime | None]:
    memberships = await db.memberships.find({"member_id": member.id}).to_list(None)
    return {m["group_id"]: m.get("last_checkin_at") for m in memberships}


async def test_a_check_in_without_a_group_answers_each_scheduled_group_it_falls_after(
    gql: GraphQLClient, groups: Groups, db: Database
) -> None:
    # When the member checks in privately an hour after the recent group's scheduled time
    recorded = groups.scheduled_at + timedelta(hours=1)
    check_in = await checked_in(gql, groups.member, recordedAt=recorded.isoformat())

    # Then it answers that occurrence only, and counts for that group only
    assert check_in["answers"] == [{"groupId": groups.recent, "scheduledAt": groups.scheduled_at.isoformat()}]
    assert await _last_check_ins(db, groups.member) == {
        groups.recent: recorded, groups.long_ago: None, groups.unscheduled: None,
    }  # fmt: skip
    stored = await db.checkins.find_one({"_id": check_in["id"]})
    assert stored is not None
    assert stored["answers"] == [{"group_id": groups.recent, "scheduled_at": groups.scheduled_at}]


async def test_a_check_in_made_in_a_group_counts_for_it_and_for_the_scheduled_ones(
    gql: GraphQLClient, groups: Groups, db: Database
) -> None:
    recorded = groups.scheduled_at + timedelta(minutes=30)

    check_in = await checked_in(
        gql, groups.member, visibility="GROUP", groupId=groups.unscheduled, recordedAt=recorded.isoformat()
    )

    assert [a["groupId"] for a in check_in["answers"]] == [groups.recent]
    assert await _last_check_ins(db, groups.member) == {
        groups.recent: recorded, groups.long_ago: None, groups.unscheduled: recorded,
    }  # fmt: skip


async def test_a_check_in_just_before_the_scheduled_time_answers_the_one_before(
    gql: GraphQLClient, groups: Groups, db: Database
) -> None:
    recorded = groups.scheduled_at - timedelta(minutes=1)

    check_in = await checked_in(gql, groups.member, recordedAt=recorded.isoformat())

    day_before = (groups.scheduled_at.astimezone(LONDON) - timedelta(days=1)).astimezone(UTC)  # the same wall time
    assert check_in["answers"] == [{"groupId": groups.recent, "scheduledAt": day_before.isoformat()}]
    assert (await _last_check_ins(db, groups.member))[groups.recent] == recorded


async def test_an_older_check_in_synced_late_never_moves_last_checkin_at_back(
    gql: GraphQLClient, groups: Groups, db: Database
) -> None:
    # Given a check-in an hour and a half after the scheduled time
    newer = groups.scheduled_at + timedelta(minutes=90)
    await checked_in(gql, groups.member, recordedAt=newer.isoformat())

    # When one made offline half an hour after it arrives later
    older = groups.scheduled_at + timedelta(minutes=30)
    check_in = await checked_in(gql, groups.member, recordedAt=older.isoformat())

    # Then it still answers the occurrence, and last_checkin_at stays at the newer one
    assert [a["groupId"] for a in check_in["answers"]] == [groups.recent]
    assert (await _last_check_ins(db, groups.member))[groups.recent] == newer
