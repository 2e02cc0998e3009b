"""No N+1: a member's group list costs the same few MongoDB commands for 1 group as for 30."""

from __future__ import annotations

from tests.factories.groups import Cast, asked_to_join, created_group, joined, operation
from tests.factories.members import TestMember as Person
from tests.factories.members import onboarded_member
from tests.fixtures.app import CommandCounter, GraphQLClient
from tests.fixtures.auth import AuthEmulator

WITH_MEMBERS = """
query MyGroupsWithMembers($first: Int) {
  myGroups(first: $first) { nodes { id memberCount viewerRole members(first: 100) { nodes { displayName role } } } }
}
"""


async def in_groups(gql: GraphQLClient, auth_emulator: AuthEmulator, cast: Cast, count: int) -> Person:
    """A member of `count` open groups, each with its lead and one more member."""
    person = await onboarded_member(gql, auth_emulator)
    for _ in range(count):
        group_id = await created_group(gql, cast.lead, access="OPEN")
        await joined(gql, person, group_id=group_id)
        await joined(gql, cast.peer, group_id=group_id)
    return person


async def commands_for(gql: GraphQLClient, counter: CommandCounter, query: str, token: str, size: int) -> list[str]:
    with counter.counting() as commands:
        body = await gql(query, {"first": 100}, token=token)
    nodes = body["data"]["myGroups"]["nodes"]
    assert len(nodes) == size
    assert {(node["memberCount"], node["viewerRole"]) for node in nodes} == {(3, "MEMBER")}
    return commands


async def test_my_groups_costs_the_same_for_1_and_30_groups(
    gql: GraphQLClient, auth_emulator: AuthEmulator, cast: Cast, command_counter: CommandCounter
) -> None:
    one = await in_groups(gql, auth_emulator, cast, 1)
    thirty = await in_groups(gql, auth_emulator, cast, 30)

    for query in (operation("MyGroups"), WITH_MEMBERS):
        for_one = await commands_for(gql, command_counter, query, one.token, 1)
        for_thirty = await commands_for(gql, command_counter, query, thirty.token, 30)
        assert for_one == for_thirty
    # The member, their memberships, their groups; the member lists add one query for every
    # group's memberships and one for the names.
    assert await commands_for(gql, command_counter, operation("MyGroups"), thirty.token, 30) == ["find"] * 3
    assert await commands_for(gql, command_counter, WITH_MEMBERS, thirty.token, 30) == ["find"] * 5


async def test_my_leadership_costs_the_same_for_1_and_5_groups(
    gql: GraphQLClient, auth_emulator: AuthEmulator, cast: Cast, command_counter: CommandCounter
) -> None:
    counts = []
    for size in (1, 5):
        lead = await onboarded_member(gql, auth_emulator)
        for _ in range(size):
            group_id = await created_group(gql, lead)
            await asked_to_join(gql, cast.requester, lead, group_id)
        with command_counter.counting() as commands:
            body = await gql(operation("MyLeadership"), {}, token=lead.token)
        assert body["data"]["myLeadership"]["pendingJoinRequestCount"] == size
        counts.append(commands)
    # The member, the page of roles (every role, as it holds them all), the groups, the pending
    # counts, the page's leaders, the members listed as quiet there, the reports waiting there, the
    # conversations waiting for a reply there.
    assert counts[0] == counts[1] == ["find", "find", "find", "aggregate", "find", "find", "find", "find"]
