"""checkInSubmit costs a constant, small number of MongoDB commands: the same for a member in
one scheduled group as in ten (quiet spells and mood decline included), and none more when the
member is shown their helplines (they come from memory).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from schemas.documents.support_resources import Weekday
from tests.factories.checkins import submit
from tests.factories.groups import Cast, created_group, invite_code, joined, mutate
from tests.factories.members import TestMember as Person
from tests.factories.members import onboarded_member
from tests.fixtures.app import CommandCounter, GraphQLClient
from tests.fixtures.auth import AuthEmulator


async def in_scheduled_groups(gql: GraphQLClient, auth_emulator: AuthEmulator, cast: Cast, count: int) -> Person:
    """A member of `count` groups, each checking in every day an hour ago."""
    person = await onboarded_member(gql, auth_emulator)
    an_hour_ago = datetime.now(UTC) - timedelta(hours=1)
    schedule = {
        "weekdays": [day.name for day in Weekday],
        "localTime": f"{an_hour_ago.astimezone(ZoneInfo('Europe/London')):%H:%M}",
    }
    for _ in range(count):
        group_id = await created_group(gql, cast.lead, timezone="Europe/London")
        await joined(gql, person, code=await invite_code(gql, cast.lead, group_id))
        await mutate(gql, "GroupScheduleSet", cast.lead.token, groupId=group_id, schedule=schedule)
    return person


async def commands_for(
    gql: GraphQLClient, counter: CommandCounter, person: Person, *, mood: int, groups: int
) -> list[str]:
    with counter.counting() as commands:
        result = await submit(gql, person, mood=mood)
    assert len(result["checkIn"]["answers"]) == groups
    assert (result["signposting"] is not None) == (mood == 1)
    return commands


async def test_a_check_in_costs_the_same_for_1_and_10_scheduled_groups(
    gql: GraphQLClient, auth_emulator: AuthEmulator, cast: Cast, command_counter: CommandCounter
) -> None:
    one = await in_scheduled_groups(gql, auth_emulator, cast, 1)
    ten = await in_scheduled_groups(gql, auth_emulator, cast, 10)

    for_one = await commands_for(gql, command_counter, one, mood=3, groups=1)
    for_ten = await commands_for(gql, command_counter, ten, mood=3, groups=10)
    low = await commands_for(gql, command_counter, ten, mood=1, groups=10)

    # The member, their memberships, their groups; the check-in; quiet spells there ended and every
    # answered membership moved, each at once; the member's recent moods (mood decline).
    assert for_one == for_ten == ["find", "find", "find", "insert", "update", "update", "find"]
    # The lowest mood brings the member's helplines, from memory: no command more.
    assert low == for_one


async def test_a_check_in_of_a_member_in_no_group_costs_four_commands(
    gql: GraphQLClient, auth_emulator: AuthEmulator, command_counter: CommandCounter
) -> None:
    person = await onboarded_member(gql, auth_emulator)
    assert await commands_for(gql, command_counter, person, mood=3, groups=0) == ["find", "find", "insert", "find"]
