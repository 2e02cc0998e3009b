"""groupWellbeing: a lead's figures over whole days before today, from check-ins shared with
the group only; any figure covering fewer than 5 members is hidden, and no total is given that
would let a lead subtract a hidden cell.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.factories.checkins import checked_in, read
from tests.factories.groups import Cast, created_group, invite_code, joined, mutate
from tests.factories.members import TestMember as Person
from tests.factories.members import onboarded_member
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator

LONDON = ZoneInfo("Europe/London")


def _yesterday_evening() -> str:
    """23:00 yesterday in London: inside any window of whole days before today."""
    midnight = datetime.now(LONDON).replace(hour=0, minute=0, second=0, microsecond=0)
    return (midnight - timedelta(hours=1)).astimezone(UTC).isoformat()


async def _group_of(gql: GraphQLClient, auth_emulator: AuthEmulator, cast: Cast, size: int) -> tuple[str, list[Person]]:
    """A London group led by `cast.lead` with `size` other members."""
    group_id = await created_group(gql, cast.lead, timezone="Europe/London")
    code = await invite_code(gql, cast.lead, group_id, maxUses=100)
    people = [await onboarded_member(gql, auth_emulator) for _ in range(size)]
    for person in people:
        await joined(gql, person, code=code)
    return group_id, people


async def _share(gql: GraphQLClient, person: Person, group_id: str, mood: int) -> None:
    await checked_in(gql, person, mood=mood, visibility="GROUP", groupId=group_id, recordedAt=_yesterday_evening())


def _cells(wellbeing: dict[str, object]) -> dict[int, int | None]:
    cells = wellbeing["moodDistribution"]
    assert isinstance(cells, list)
    return {cell["mood"]: cell["checkIns"] for cell in cells}


async def test_four_members_sharing_show_nothing_and_five_show_the_count(
    gql: GraphQLClient, auth_emulator: AuthEmulator, cast: Cast
) -> None:
    # Given four members who shared a check-in with mood 3 yesterday
    group_id, people = await _group_of(gql, auth_emulator, cast, 5)
    for person in people[:4]:
        await _share(gql, person, group_id, mood=3)

    # Then the lead sees neither how many checked in nor any mood
    four = (await read(gql, cast.lead, "GroupWellbeing", groupId=group_id, days=7))["data"]["groupWellbeing"]
    assert (four["membersCheckedIn"], four["membersCheckedInSuppressed"], four["minimumMembers"]) == (None, True, 5)
    assert _cells(four) == dict.fromkeys(range(1, 6))
    assert {cell["suppressed"] for cell in four["moodDistribution"]} == {True}

    # When a fifth member shares with mood 3
    await _share(gql, people[4], group_id, mood=3)

    # Then the count and the mood-3 cell appear; the rest stay hidden
    five = (await read(gql, cast.lead, "GroupWellbeing", groupId=group_id, days=7))["data"]["groupWellbeing"]
    assert (five["membersCheckedIn"], five["membersCheckedInSuppressed"]) == (5, False)
    assert _cells(five) == {1: None, 2: None, 3: 5, 4: None, 5: None}


async def test_a_cell_under_5_members_stays_hidden_however_many_check_ins_it_holds(
    gql: GraphQLClient, auth_emulator: AuthEmulator, cast: Cast
) -> None:
    # Given five members with mood 4, one of whom also shared six check-ins with mood 1
    group_id, people = await _group_of(gql, auth_emulator, cast, 5)
    for person in people:
        await _share(gql, person, group_id, mood=4)
    for _ in range(6):
        await _share(gql, people[0], group_id, mood=1)

    figures = (await read(gql, cast.lead, "GroupWellbeing", groupId=group_id, days=7))["data"]["groupWellbeing"]

    # Then the mood-1 cell is hidden, and no total of check-ins is there to subtract it from
    assert _cells(figures) == {1: None, 2: None, 3: None, 4: 5, 5: None}
    assert figures["membersCheckedIn"] == 5
    assert set(figures) == {
        "days", "fromDate", "toDate", "minimumMembers", "membersCheckedIn", "membersCheckedInSuppressed",
        "moodDistribution",
    }  # fmt: skip


async def test_private_check_ins_never_count_in_any_form(
    gql: GraphQLClient, auth_emulator: AuthEmulator, cast: Cast
) -> None:
    # Given five members who each checked in privately in the group, several times, yesterday
    group_id, people = await _group_of(gql, auth_emulator, cast, 5)
    for person in people:
        for mood in (1, 1, 2):
            await checked_in(gql, person, mood=mood, groupId=group_id, recordedAt=_yesterday_evening())

    # Then the lead's figures are as if nobody had checked in
    figures = (await read(gql, cast.lead, "GroupWellbeing", groupId=group_id, days=7))["data"]["groupWellbeing"]
    assert (figures["membersCheckedIn"], _cells(figures)) == (None, dict.fromkeys(range(1, 6)))


async def test_today_is_not_counted_until_it_is_over(
    gql: GraphQLClient, auth_emulator: AuthEmulator, cast: Cast
) -> None:
    group_id, people = await _group_of(gql, auth_emulator, cast, 5)
    for person in people:
        await checked_in(gql, person, mood=5, visibility="GROUP", groupId=group_id)  # now: today

    figures = (await read(gql, cast.lead, "GroupWellbeing", groupId=group_id, days=1))["data"]["groupWellbeing"]

    today = datetime.now(LONDON).date()
    assert (figures["fromDate"], figures["toDate"]) == ((today - timedelta(days=1)).isoformat(),) * 2
    assert (figures["membersCheckedIn"], _cells(figures)[5]) == (None, None)


async def test_members_who_left_are_not_counted(gql: GraphQLClient, auth_emulator: AuthEmulator, cast: Cast) -> None:
    group_id, people = await _group_of(gql, auth_emulator, cast, 5)
    for person in people:
        await _share(gql, person, group_id, mood=3)

    await mutate(gql, "GroupLeave", people[0].token, groupId=group_id)

    figures = (await read(gql, cast.lead, "GroupWellbeing", groupId=group_id, days=7))["data"]["groupWellbeing"]
    assert (figures["membersCheckedIn"], _cells(figures)[3]) == (None, None)


@pytest.mark.parametrize("days", [0, 91])
async def test_0_or_91_days_are_refused(gql: GraphQLClient, cast: Cast, days: int) -> None:
    group_id = await created_group(gql, cast.lead)
    body = await read(gql, cast.lead, "GroupWellbeing", groupId=group_id, days=days)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_the_window_is_whole_days_in_the_group_s_time_zone(gql: GraphQLClient, cast: Cast) -> None:
    group_id = await created_group(gql, cast.lead, timezone="Pacific/Kiritimati")  # UTC+14

    figures = (await read(gql, cast.lead, "GroupWellbeing", groupId=group_id, days=30))["data"]["groupWellbeing"]

    today = datetime.now(ZoneInfo("Pacific/Kiritimati")).date()
    assert (figures["days"], figures["fromDate"], figures["toDate"]) == (
        30, (today - timedelta(days=30)).isoformat(), (today - timedelta(days=1)).isoformat(),
    )  # fmt: skip
