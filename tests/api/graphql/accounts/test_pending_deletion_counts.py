"""A member waiting to be deleted is out of every count of the group's people (issue 14, item 2):
the anonymity set that anonymous posting needs (ANON-5) and the leads' figures, which hide
anything covering fewer than 5 members. They are out of the member list already; a count that
still held them would let a group post "anonymously" among four people.
"""

from __future__ import annotations

from typing import Any

from infra.mongo.client import Database
from tests.api.graphql.checkins.test_group_wellbeing import _share
from tests.factories.accounts import run_app
from tests.factories.checkins import read
from tests.factories.groups import created_group, invite_code, joined
from tests.factories.members import TestMember as Person
from tests.factories.members import onboarded_member
from tests.factories.shares import act, backdate_memberships, shared
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator


async def _group_of_five(gql: GraphQLClient, db: Database, auth_emulator: AuthEmulator) -> tuple[str, list[Person]]:
    """A lead (Person 0) and Persons 1 to 4, all of over a week: exactly the five anonymous posting needs."""
    people = [await onboarded_member(gql, auth_emulator, displayName=f"Person {n}") for n in range(5)]
    group_id = await created_group(gql, people[0], timezone="Europe/London")
    code = await invite_code(gql, people[0], group_id)
    for person in people[1:]:
        await joined(gql, person, code=code)
    await backdate_memberships(db, group_id)
    return group_id, people


async def _deleting(gql: GraphQLClient, person: Person, name: str) -> None:
    deleted = await run_app(gql, "AccountDelete", person.token, input={"confirm": name})
    assert deleted["__typename"] == "AccountDeleteSuccess", deleted


async def _content(db: Database) -> list[int]:
    return [await db[name].count_documents({}) for name in ("shares", "responses", "authorship", "notifications")]


async def test_anonymous_posting_needs_five_members_whose_accounts_are_active(
    gql: GraphQLClient, db: Database, auth_emulator: AuthEmulator
) -> None:
    # Given a group of exactly five members of over a week, and a named share to answer
    group_id, people = await _group_of_five(gql, db, auth_emulator)
    author = people[1]
    named = await shared(gql, people[2], group_id, "Long week.", anonymous=False)

    # When one of them asks to delete their account
    await _deleting(gql, people[4], "Person 4")
    before = await _content(db)
    share: dict[str, Any] = await act(gql, "ShareCreate", author.token, groupId=group_id, body="Hard day.")
    reply: dict[str, Any] = await act(gql, "ResponseCreate", author.token, shareId=named["id"], body="Same.")

    # Then four are left: posting without a name is refused, for shares and replies, and nothing is written
    assert (share["__typename"], share["code"]) == ("ShareCreateError", "ANONYMITY_SET_TOO_SMALL")
    assert (reply["__typename"], reply["code"]) == ("ResponseCreateError", "ANONYMITY_SET_TOO_SMALL")
    assert await _content(db) == before


async def test_the_leads_figures_leave_out_a_member_waiting_to_be_deleted(
    gql: GraphQLClient, db: Database, auth_emulator: AuthEmulator
) -> None:
    # Given five members who shared a check-in with mood 3 yesterday: their lead sees the count
    group_id, people = await _group_of_five(gql, db, auth_emulator)
    for person in people:
        await _share(gql, person, group_id, mood=3)
    five = (await read(gql, people[0], "GroupWellbeing", groupId=group_id, days=7))["data"]["groupWellbeing"]
    assert (five["membersCheckedIn"], five["membersCheckedInSuppressed"]) == (5, False)

    # When one of them asks to delete their account
    await _deleting(gql, people[3], "Person 3")

    # Then the figures cover four members, and are hidden
    four = (await read(gql, people[0], "GroupWellbeing", groupId=group_id, days=7))["data"]["groupWellbeing"]
    assert (four["membersCheckedIn"], four["membersCheckedInSuppressed"]) == (None, True)
    assert {cell["suppressed"] for cell in four["moodDistribution"]} == {True}
