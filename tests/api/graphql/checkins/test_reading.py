"""Reading check-ins: the member's own history (keyset, newest first), their daily mood trend
in their time zone (days without a check-in absent), and what members shared with a group.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from infra.mongo.client import Database
from tests.factories.checkins import checked_in, read
from tests.factories.groups import Cast, invite_code, joined, mutate, populated_group
from tests.factories.members import TestMember as Person
from tests.factories.members import onboarded_member
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator


def _ago(**delta: float) -> str:
    return (datetime.now(UTC) - timedelta(**delta)).isoformat()


async def test_my_check_ins_are_mine_only_newest_first_a_page_at_a_time(
    gql: GraphQLClient, auth_emulator: AuthEmulator
) -> None:
    # Given a member's five check-ins made at different times (offline ones synced out of order)
    member = await onboarded_member(gql, auth_emulator)
    other = await onboarded_member(gql, auth_emulator)
    hours = [30, 2, 50, 1, 10]
    ids = {h: (await checked_in(gql, member, mood=3, recordedAt=_ago(hours=h)))["id"] for h in hours}
    await checked_in(gql, other, mood=5)

    # When they read them two at a time
    seen, after = [], None
    for _ in range(3):
        body = await read(gql, member, "MyCheckIns", first=2, after=after)
        page = body["data"]["myCheckIns"]
        seen.append([node["id"] for node in page["nodes"]])
        after = page["pageInfo"]["endCursor"]

    # Then they get their own, newest first, and the last page says it is the last
    assert seen == [[ids[1], ids[2]], [ids[10], ids[30]], [ids[50]]]
    assert page["pageInfo"]["hasNextPage"] is False


async def test_the_mood_trend_averages_each_local_day_and_leaves_out_days_without_check_ins(
    gql: GraphQLClient, auth_emulator: AuthEmulator
) -> None:
    # Given a member in Auckland (UTC+12 or +13), whose days differ from UTC's
    member = await onboarded_member(gql, auth_emulator, timezone="Pacific/Auckland")
    zone = ZoneInfo("Pacific/Auckland")
    today = datetime.now(zone).replace(hour=0, minute=0, second=0, microsecond=0)
    at = [today, today - timedelta(days=2, hours=-12), today - timedelta(days=6, hours=-1)]
    await checked_in(gql, member, mood=2, energy=3, recordedAt=at[0].isoformat())
    await checked_in(gql, member, mood=5, recordedAt=at[0].isoformat())
    await checked_in(gql, member, mood=4, energy=1, recordedAt=at[1].isoformat())
    await checked_in(gql, member, mood=1, recordedAt=at[2].isoformat())

    # When they ask for the last 3 days, and the last 7
    three = (await read(gql, member, "MyMoodTrend", days=3))["data"]["myMoodTrend"]
    seven = (await read(gql, member, "MyMoodTrend", days=7))["data"]["myMoodTrend"]

    # Then each day with check-ins is there once, oldest first: today's two averaged, yesterday absent
    recent = [
        {"day": at[1].date().isoformat(), "averageMood": 4.0, "averageEnergy": 1.0, "checkIns": 1},
        {"day": today.date().isoformat(), "averageMood": 3.5, "averageEnergy": 3.0, "checkIns": 2},
    ]
    assert (three["days"], three["timezone"], three["points"]) == (3, "Pacific/Auckland", recent)
    oldest = {"day": at[2].date().isoformat(), "averageMood": 1.0, "averageEnergy": None, "checkIns": 1}
    assert seven["points"] == [oldest, *recent]


@pytest.mark.parametrize("days", [0, 91])
async def test_a_trend_of_0_or_91_days_is_refused(gql: GraphQLClient, auth_emulator: AuthEmulator, days: int) -> None:
    member = await onboarded_member(gql, auth_emulator)
    body = await read(gql, member, "MyMoodTrend", days=days)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert body["data"] is None


async def test_members_see_what_was_shared_with_their_group_and_nothing_private(gql: GraphQLClient, cast: Cast) -> None:
    # Given a group and another group the same people are in
    group_id = await populated_group(gql, cast)
    other_group = await populated_group(gql, cast)
    shared = await checked_in(
        gql, cast.member, mood=2, energy=4, tags=["FAMILY"], note="Long week", visibility="GROUP", groupId=group_id
    )
    await checked_in(gql, cast.member, mood=1, note="Just for me", groupId=group_id)  # private, in the group
    await checked_in(gql, cast.member, mood=1, note="Just for me too")  # private, no group
    await checked_in(gql, cast.peer, mood=5, visibility="GROUP", groupId=other_group)

    # When a fellow member reads the group's check-ins
    body = await read(gql, cast.peer, "GroupCheckIns", groupId=group_id)

    # Then they see the shared one only, with its author's name, to the minute
    [node] = body["data"]["groupCheckIns"]["nodes"]
    recorded = datetime.fromisoformat(shared["recordedAt"]).replace(second=0, microsecond=0)
    assert node == {
        "id": shared["id"], "displayName": "Member", "mood": 2, "energy": 4, "tags": ["FAMILY"], "note": "Long week",
        "noteHeldForReview": False, "recordedAt": recorded.isoformat(),
    }  # fmt: skip


async def test_a_note_held_for_review_is_not_shown_to_the_group(gql: GraphQLClient, cast: Cast, db: Database) -> None:
    group_id = await populated_group(gql, cast)
    shared = await checked_in(
        gql, cast.member, mood=1, note="I want to kill myself", visibility="GROUP", groupId=group_id
    )

    body = await read(gql, cast.lead, "GroupCheckIns", groupId=group_id)

    [node] = body["data"]["groupCheckIns"]["nodes"]
    assert (node["id"], node["mood"], node["note"], node["noteHeldForReview"]) == (shared["id"], 1, None, True)
    assert "kill" not in str(body)


async def test_someone_who_leaves_takes_their_shared_check_ins_with_them(
    gql: GraphQLClient, cast: Cast, auth_emulator: AuthEmulator
) -> None:
    group_id = await populated_group(gql, cast)
    leaver = await onboarded_member(gql, auth_emulator)
    await joined(gql, leaver, code=await invite_code(gql, cast.lead, group_id))
    await checked_in(gql, leaver, visibility="GROUP", groupId=group_id)
    stays = await checked_in(gql, cast.peer, visibility="GROUP", groupId=group_id)

    await mutate(gql, "GroupLeave", leaver.token, groupId=group_id)
    body = await read(gql, cast.member, "GroupCheckIns", groupId=group_id)

    assert [node["id"] for node in body["data"]["groupCheckIns"]["nodes"]] == [stays["id"]]


async def test_group_check_ins_page_newest_first(gql: GraphQLClient, cast: Cast) -> None:
    group_id = await populated_group(gql, cast)
    people: list[Person] = [cast.lead, cast.co_lead, cast.member, cast.peer]
    ids = [
        (await checked_in(gql, person, visibility="GROUP", groupId=group_id, recordedAt=_ago(hours=hours)))["id"]
        for person, hours in zip(people, [4, 3, 2, 1], strict=True)
    ]

    first = (await read(gql, cast.member, "GroupCheckIns", groupId=group_id, first=3))["data"]["groupCheckIns"]
    after = first["pageInfo"]["endCursor"]
    rest = await read(gql, cast.member, "GroupCheckIns", groupId=group_id, first=3, after=after)

    assert [n["id"] for n in first["nodes"]] == ids[::-1][:3]
    assert [n["id"] for n in rest["data"]["groupCheckIns"]["nodes"]] == ids[:1]
    assert first["pageInfo"]["hasNextPage"] is True


async def test_a_random_group_id_is_not_found(gql: GraphQLClient, cast: Cast) -> None:
    body = await read(gql, cast.member, "GroupCheckIns", groupId=str(uuid.uuid4()))
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
