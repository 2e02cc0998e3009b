"""groupScheduleSet and groupQuietPolicySet: a lead sets the group's rhythm; the next
check-in is stored in UTC and kept right across daylight-saving changes; bad input changes nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from api.main import create_app
from domain.clock import FrozenClock
from domain.groups.occurrences import next_occurrence
from infra.mongo.client import Database
from infra.settings import Settings
from schemas.documents.groups import CheckInSchedule
from schemas.documents.support_resources import Weekday
from tests.factories.groups import Cast, created_group, mutate, operation, populated_group
from tests.fixtures.app import GraphQLClient, in_process
from tests.fixtures.changes import Changes


async def _stored(db: Database, group_id: str) -> dict[str, Any]:
    raw = await db.groups.find_one({"_id": group_id})
    assert raw is not None
    return raw


async def test_a_lead_sets_days_and_a_time_and_the_next_check_in_is_stored_in_utc(
    gql: GraphQLClient, cast: Cast, db: Database
) -> None:
    # Given a group in London
    group_id = await created_group(gql, cast.lead, timezone="Europe/London")
    before = datetime.now(UTC)

    # When its lead sets Thursdays and Mondays at 19:00
    result = await mutate(
        gql, "GroupScheduleSet", cast.lead.token, groupId=group_id,
        schedule={"weekdays": ["THURSDAY", "MONDAY"], "localTime": "19:00"},
    )  # fmt: skip

    # Then the rule is stored Monday first, with the next occurrence after now
    assert result["__typename"] == "GroupScheduleSetSuccess", result
    assert result["group"]["schedule"] == {"weekdays": ["MONDAY", "THURSDAY"], "localTime": "19:00"}
    stored = await _stored(db, group_id)
    rule = CheckInSchedule(weekdays=(Weekday.MONDAY, Weekday.THURSDAY), local_time="19:00")
    assert stored["schedule"] == {"weekdays": ["monday", "thursday"], "local_time": "19:00"}
    assert stored["next_checkin_at"] == next_occurrence(rule, "Europe/London", after=before)
    assert result["group"]["nextCheckInAt"] == stored["next_checkin_at"].isoformat()


async def test_a_null_schedule_clears_it_and_its_next_check_in(gql: GraphQLClient, cast: Cast, db: Database) -> None:
    group_id = await created_group(gql, cast.lead)
    schedule = {"weekdays": ["SUNDAY"], "localTime": "10:30"}
    await mutate(gql, "GroupScheduleSet", cast.lead.token, groupId=group_id, schedule=schedule)

    result = await mutate(gql, "GroupScheduleSet", cast.lead.token, groupId=group_id, schedule=None)

    assert (result["group"]["schedule"], result["group"]["nextCheckInAt"]) == (None, None)
    stored = await _stored(db, group_id)
    assert (stored["schedule"], stored["next_checkin_at"]) == (None, None)


@pytest.mark.parametrize(
    ("schedule", "code", "field"),
    [
        ({"weekdays": [], "localTime": "19:00"}, "WEEKDAYS_REQUIRED", "schedule.weekdays"),
        ({"weekdays": ["MONDAY", "MONDAY"], "localTime": "19:00"}, "WEEKDAYS_REPEATED", "schedule.weekdays"),
        ({"weekdays": ["MONDAY"], "localTime": "7pm"}, "LOCAL_TIME_INVALID", "schedule.localTime"),
        ({"weekdays": ["MONDAY"], "localTime": "24:00"}, "LOCAL_TIME_INVALID", "schedule.localTime"),
        ({"weekdays": ["MONDAY"], "localTime": "9:00"}, "LOCAL_TIME_INVALID", "schedule.localTime"),
    ],
)
async def test_an_invalid_schedule_changes_nothing(
    gql: GraphQLClient, cast: Cast, changes: Changes, schedule: dict[str, Any], code: str, field: str
) -> None:
    group_id = await populated_group(gql, cast)
    before = await changes.mark()

    result = await mutate(gql, "GroupScheduleSet", cast.lead.token, groupId=group_id, schedule=schedule)

    assert (result["code"], [e["field"] for e in result["fieldErrors"]]) == (code, [field])
    assert await changes.since(before) == []


async def test_an_archived_group_keeps_its_schedule(gql: GraphQLClient, cast: Cast, changes: Changes) -> None:
    group_id = await created_group(gql, cast.lead)
    await mutate(gql, "GroupArchive", cast.lead.token, groupId=group_id)
    before = await changes.mark()

    result = await mutate(
        gql,
        "GroupScheduleSet",
        cast.lead.token,
        groupId=group_id,
        schedule={"weekdays": ["MONDAY"], "localTime": "19:00"},
    )

    assert result["code"] == "GROUP_ARCHIVED"
    assert await changes.since(before) == []


async def test_moving_the_group_to_another_zone_keeps_the_wall_clock_time(
    gql: GraphQLClient, cast: Cast, db: Database
) -> None:
    group_id = await created_group(gql, cast.lead, timezone="Europe/London")
    schedule = {"weekdays": ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"], "localTime": "12:00"}
    await mutate(gql, "GroupScheduleSet", cast.lead.token, groupId=group_id, schedule=schedule)
    before = datetime.now(UTC)

    await mutate(gql, "GroupUpdate", cast.lead.token, groupId=group_id, timezone="Asia/Tokyo")

    stored = await _stored(db, group_id)
    rule = CheckInSchedule.model_validate(stored["schedule"])
    assert stored["next_checkin_at"] == next_occurrence(rule, "Asia/Tokyo", after=before)
    assert stored["next_checkin_at"].astimezone(UTC).hour == 3  # noon in Tokyo (UTC+9, no summer time)


CHANGE_DAYS = [
    # The Saturday before the March change (GMT) and the change day itself (BST)
    (datetime(2026, 3, 28, 12, tzinfo=UTC), "19:00", datetime(2026, 3, 28, 19, tzinfo=UTC)),
    (datetime(2026, 3, 29, 12, tzinfo=UTC), "19:00", datetime(2026, 3, 29, 18, tzinfo=UTC)),
    # The Saturday before the October change (BST) and the change day itself (GMT)
    (datetime(2026, 10, 24, 12, tzinfo=UTC), "19:00", datetime(2026, 10, 24, 18, tzinfo=UTC)),
    (datetime(2026, 10, 25, 12, tzinfo=UTC), "19:00", datetime(2026, 10, 25, 19, tzinfo=UTC)),
    # 01:30 on 29 March does not exist: it happens at 01:30 GMT (02:30 BST)
    (datetime(2026, 3, 29, 0, tzinfo=UTC), "01:30", datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),
    # 01:30 on 25 October happens twice: the first, in BST
    (datetime(2026, 10, 25, 0, tzinfo=UTC), "01:30", datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
]


async def test_the_next_check_in_is_right_on_both_change_days(
    settings: Settings, gql: GraphQLClient, cast: Cast, db: Database
) -> None:
    # Given an API whose clock we set, and a London group checking in every day
    group_id = await created_group(gql, cast.lead, timezone="Europe/London")
    every_day = [day.name for day in Weekday]
    clock = FrozenClock()
    headers = {"Authorization": f"Bearer {cast.lead.token}"}

    async with in_process(create_app(settings, clock=clock)) as clients:
        for now, local_time, expected in CHANGE_DAYS:
            # When the lead sets the schedule at `now`
            clock.current = now
            variables = {"input": {"groupId": group_id, "schedule": {"weekdays": every_day, "localTime": local_time}}}
            response = await clients().post(
                "/graphql", json={"query": operation("GroupScheduleSet"), "variables": variables}, headers=headers
            )

            # Then the next check-in is the expected instant
            group = response.json()["data"]["groupScheduleSet"]["group"]
            assert (now, group["nextCheckInAt"]) == (now, expected.isoformat())
            assert (await _stored(db, group_id))["next_checkin_at"] == expected


async def test_the_quiet_policy_starts_at_2_missed_check_ins_and_7_days(gql: GraphQLClient, cast: Cast) -> None:
    group_id = await populated_group(gql, cast)

    body = await gql(operation("GroupScreen"), {"id": group_id}, token=cast.member.token)

    assert body["data"]["group"]["quietPolicy"] == {"missedCheckIns": 2, "inactiveDays": 7}


async def test_a_lead_changes_only_the_quiet_values_they_give(gql: GraphQLClient, cast: Cast, db: Database) -> None:
    group_id = await created_group(gql, cast.lead)

    result = await mutate(gql, "GroupQuietPolicySet", cast.lead.token, groupId=group_id, missedCheckIns=4)

    assert result["group"]["quietPolicy"] == {"missedCheckIns": 4, "inactiveDays": 7}
    assert (await _stored(db, group_id))["quiet_policy"] == {"missed_check_ins": 4, "inactive_days": 7}
    result = await mutate(gql, "GroupQuietPolicySet", cast.lead.token, groupId=group_id, inactiveDays=30)
    assert result["group"]["quietPolicy"] == {"missedCheckIns": 4, "inactiveDays": 30}


@pytest.mark.parametrize(
    ("values", "code", "fields"),
    [
        ({}, "NOTHING_TO_UPDATE", []),
        ({"missedCheckIns": 0}, "MISSED_CHECK_INS_OUT_OF_RANGE", ["missedCheckIns"]),
        ({"missedCheckIns": 7}, "MISSED_CHECK_INS_OUT_OF_RANGE", ["missedCheckIns"]),
        ({"inactiveDays": 0}, "INACTIVE_DAYS_OUT_OF_RANGE", ["inactiveDays"]),
        ({"inactiveDays": 31}, "INACTIVE_DAYS_OUT_OF_RANGE", ["inactiveDays"]),
        (
            {"missedCheckIns": 9, "inactiveDays": 90},
            "MISSED_CHECK_INS_OUT_OF_RANGE",
            ["missedCheckIns", "inactiveDays"],
        ),
    ],
)
async def test_an_invalid_quiet_policy_changes_nothing(
    gql: GraphQLClient, cast: Cast, changes: Changes, values: dict[str, int], code: str, fields: list[str]
) -> None:
    group_id = await populated_group(gql, cast)
    before = await changes.mark()

    result = await mutate(gql, "GroupQuietPolicySet", cast.lead.token, groupId=group_id, **values)

    assert (result["code"], [e["field"] for e in result["fieldErrors"]]) == (code, fields)
    assert await changes.since(before) == []


async def test_outsiders_see_an_open_group_s_schedule_but_not_its_quiet_policy(gql: GraphQLClient, cast: Cast) -> None:
    group_id = await created_group(gql, cast.lead, access="OPEN")
    schedule = {"weekdays": ["WEDNESDAY"], "localTime": "18:30"}
    await mutate(gql, "GroupScheduleSet", cast.lead.token, groupId=group_id, schedule=schedule)

    body = await gql(operation("GroupScreen"), {"id": group_id}, token=cast.outsider.token)

    group = body["data"]["group"]
    assert (group["schedule"], group["quietPolicy"]) == (schedule, None)
    assert datetime.fromisoformat(group["nextCheckInAt"]) - datetime.now(UTC) <= timedelta(days=7)
