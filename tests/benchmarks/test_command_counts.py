"""CI's guard for the benchmarks (issue 8): each main screen and mutation sends a fixed number of
MongoDB commands, whatever the member's number of groups, the group's size, the page size or the
number of responses. Bulk data is written with the benchmark generator's own document builders.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from random import Random
from typing import Any

from benchmarks.dataset import group_document, member_document, membership_document
from benchmarks.history import authorship_documents, response_document, share_document
from benchmarks.meetings import session_documents
from benchmarks.writer import GroupPlan
from domain.shares.anonymity import AnonymityKey
from infra.mongo.client import Database
from infra.settings import Settings
from schemas.documents.attendance import AttendanceDocument, MarkedBy
from schemas.documents.base import new_id
from schemas.documents.groups import GroupDocument
from schemas.documents.memberships import GroupRole
from schemas.documents.rsvps import Answer, RsvpDocument
from tests.factories.members import TestMember as Person
from tests.factories.members import onboarded_member
from tests.fixtures.app import CommandCounter, GraphQLClient
from tests.fixtures.auth import AuthEmulator
from tests.support.operations import app_operation

NOW = datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True)
class World:
    gql: GraphQLClient
    auth: AuthEmulator
    db: Database
    counter: CommandCounter
    key: AnonymityKey

    async def commands(self, name: str, token: str, **variables: Any) -> tuple[dict[str, Any], list[str]]:
        """The operation's data and the commands it sent."""
        with self.counter.counting() as commands:
            body = await self.gql(app_operation(name), variables, token=token)
        assert "errors" not in body, body
        return body["data"], commands

    async def leading(self, groups: int, *, others: int = 0) -> tuple[Person, list[str]]:
        """A member who leads `groups` groups, each with `others` more members of long standing."""
        lead, rng = await onboarded_member(self.gql, self.auth), Random(uuid.uuid4().int)  # noqa: S311 - test data
        group_ids = []
        for index in range(groups):
            group = group_document(rng, index, NOW).model_copy(update={"member_count": 1 + others})
            people = [
                member_document(rng, index, NOW).model_copy(update={"firebase_uid": new_id()})
                for index in range(others)
            ]
            await self.db.groups.insert_one(group.to_mongo())
            if people:
                await self.db.members.insert_many([person.to_mongo() for person in people])
            roles = [(lead.id, GroupRole.LEAD)] + [(person.id, GroupRole.MEMBER) for person in people]
            memberships = [membership_document(rng, group.id, member, role, NOW) for member, role in roles]
            await self.db.memberships.insert_many([membership.to_mongo() for membership in memberships])
            group_ids.append(group.id)
        return lead, group_ids

    async def shares(self, group_id: str, author_id: str, count: int) -> list[str]:
        """`count` shares in the group by `author_id`, every other one named."""
        ids = []
        for index in range(count):
            share = share_document(new_id(), group_id, at=NOW - timedelta(minutes=index + 1), anonymous=index % 2 == 0)
            await self.db.shares.insert_one(share.to_mongo())
            await self._authorship(author_id, share.id, anonymous=share.anonymous)
            ids.append(share.id)
        return ids

    async def responses(self, share_id: str, group_id: str, author_id: str, count: int) -> None:
        for index in range(count):
            at = NOW - timedelta(seconds=30 - index)
            response = response_document(new_id(), share_id, group_id, at=at, anonymous=index % 2 == 1)
            await self.db.responses.insert_one(response.to_mongo())
            await self._authorship(author_id, response.id, anonymous=response.anonymous)

    async def _authorship(self, author_id: str, content_id: str, *, anonymous: bool) -> None:
        for collection, document in authorship_documents(author_id, content_id, anonymous=anonymous, key=self.key):
            await self.db[collection].insert_one(document)


def world(
    gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database, counter: CommandCounter, settings: Settings
) -> World:
    return World(gql, auth_emulator, db, counter, AnonymityKey.of(settings.anonymity_key.get_secret_value()))


async def test_home_costs_the_same_for_1_and_30_groups(
    gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database, command_counter: CommandCounter, settings: Settings
) -> None:
    given = world(gql, auth_emulator, db, command_counter, settings)
    counts = []
    for groups in (1, 30):
        lead, _ = await given.leading(groups)

        data, commands = await given.commands("Home", lead.token, groupsFirst=30)

        assert len(data["myGroups"]["nodes"]) == groups
        assert data["unreadNotificationCount"] == 0
        counts.append(sorted(commands))  # the root fields resolve at once, in any order
    # The member; their memberships; their groups; the unread count.
    assert counts == [["aggregate", "find", "find", "find"]] * 2


async def test_my_leadership_costs_the_same_for_1_and_30_groups(
    gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database, command_counter: CommandCounter, settings: Settings
) -> None:
    given = world(gql, auth_emulator, db, command_counter, settings)
    counts = []
    for groups in (1, 30):
        lead, _ = await given.leading(groups)

        data, commands = await given.commands("MyLeadership", lead.token, first=30)

        assert len(data["myLeadership"]["groups"]["nodes"]) == groups
        counts.append(len(commands))
    assert counts == [counts[0]] * 2
    # As in tests/api/graphql/groups/test_command_counts.py: the member, their roles, the groups,
    # the pending counts, the leaders, the quiet members, the open reports, the waiting conversations.
    assert counts[0] == 8


async def test_a_check_in_costs_the_same_in_1_and_30_groups(
    gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database, command_counter: CommandCounter, settings: Settings
) -> None:
    given = world(gql, auth_emulator, db, command_counter, settings)
    counts = []
    for groups in (1, 30):
        lead, group_ids = await given.leading(groups)
        check_in = {"mood": 3, "groupId": group_ids[0], "visibility": "GROUP", "idempotencyKey": str(uuid.uuid4())}

        data, commands = await given.commands("CheckInSubmit", lead.token, input=check_in)

        assert data["checkInSubmit"]["__typename"] == "CheckInSubmitSuccess"
        counts.append(len(commands))
    assert counts == [counts[0]] * 2
    # The member, their memberships, the groups; the check-in; the quiet episodes it ends and the
    # memberships it moves on (domain/noticing/activity.py); the recent moods (mood decline).
    assert counts[0] == 7


async def test_sharing_costs_the_same_in_a_group_of_6_and_of_30(
    gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database, command_counter: CommandCounter, settings: Settings
) -> None:
    given = world(gql, auth_emulator, db, command_counter, settings)
    counts = []
    for others in (5, 29):
        lead, [group_id] = await given.leading(1, others=others)
        share = {"groupId": group_id, "body": "A heavy day.", "anonymous": True}

        data, commands = await given.commands("ShareCreate", lead.token, input=share)

        assert data["shareCreate"]["__typename"] == "ShareCreateSuccess", data
        assert await db.notifications.count_documents({"params.share_id": data["shareCreate"]["share"]["id"]}) in (
            0,
            others,
        )
        counts.append(len(commands))
    assert counts == [counts[0]] * 2
    assert counts[0] == 11


async def test_a_feed_page_of_50_costs_the_same_as_a_page_of_5(
    gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database, command_counter: CommandCounter, settings: Settings
) -> None:
    given = world(gql, auth_emulator, db, command_counter, settings)
    lead, [group_id] = await given.leading(1, others=5)
    await given.shares(group_id, lead.id, 50)
    counts = []
    for first in (5, 50):
        data, commands = await given.commands("GroupFeed", lead.token, groupId=group_id, first=first)

        assert len(data["groupFeed"]["nodes"]) == first
        counts.append(len(commands))
    assert counts == [counts[0]] * 2
    assert counts[0] == 9


async def test_a_share_with_30_responses_costs_the_same_as_with_1(
    gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database, command_counter: CommandCounter, settings: Settings
) -> None:
    given = world(gql, auth_emulator, db, command_counter, settings)
    lead, [group_id] = await given.leading(1, others=5)
    counts = []
    for responses in (1, 30):
        [share_id] = await given.shares(group_id, lead.id, 1)
        await given.responses(share_id, group_id, lead.id, responses)

        data, commands = await given.commands("ShareScreen", lead.token, id=share_id)

        assert len(data["share"]["responses"]["nodes"]) == responses
        counts.append(len(commands))
    assert counts == [counts[0]] * 2
    assert counts[0] == 11  # an anonymous share; a named one adds its byline and name (13)


async def _sessions(given: World, lead: Person, group_id: str, *, count: int) -> list[str]:
    """`count` of a weekly series in the group (the benchmark's own builder), moved to the coming weeks."""
    group = await given.db.groups.find_one({"_id": group_id})
    assert group is not None
    plan = GroupPlan(GroupDocument.from_mongo(group), [lead.id], history=True)
    sessions = session_documents(Random(1), plan, NOW)[: max(count, 2)]  # noqa: S311 - test data
    shifted = [s.model_copy(update={"id": new_id(), "starts_at": s.starts_at + timedelta(days=60),
                                    "ends_at": s.ends_at + timedelta(days=60)}) for s in sessions]  # fmt: skip
    await given.db.sessions.insert_many([s.to_mongo() for s in shifted[:count]])
    return [s.id for s in shifted[:count]]


async def test_the_sessions_list_costs_the_same_for_1_and_8_sessions(
    gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database, command_counter: CommandCounter, settings: Settings
) -> None:
    given = world(gql, auth_emulator, db, command_counter, settings)
    counts = []
    for sessions in (1, 8):
        lead, [group_id] = await given.leading(1, others=5)
        await _sessions(given, lead, group_id, count=sessions)

        data, commands = await given.commands("GroupSessions", lead.token, groupId=group_id, first=20)

        assert len(data["groupSessions"]) == sessions
        counts.append(len(commands))
    assert counts == [counts[0]] * 2
    # The member; the group and the membership; the sessions; their venues are none (online); the
    # viewer's answers and attendance.
    assert counts[0] == 6


async def test_a_session_and_its_register_cost_the_same_with_1_and_29_people(
    gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database, command_counter: CommandCounter, settings: Settings
) -> None:
    given = world(gql, auth_emulator, db, command_counter, settings)
    detail, register = [], []
    for others in (1, 29):
        lead, [group_id] = await given.leading(1, others=others)
        [session_id] = await _sessions(given, lead, group_id, count=1)
        people = [m["member_id"] async for m in db.memberships.find({"group_id": group_id})]
        await db.rsvps.insert_many([
            RsvpDocument(id=new_id(), group_id=group_id, session_id=session_id, member_id=member_id,
                         answer=Answer.GOING, answered_at=NOW).to_mongo()
            for member_id in people
        ])  # fmt: skip
        await db.attendance.insert_many([
            AttendanceDocument(id=new_id(), group_id=group_id, session_id=session_id, member_id=member_id,
                               marked=MarkedBy.LEAD, session_starts_at=NOW, at=NOW).to_mongo()
            for member_id in people
        ])  # fmt: skip

        data, commands = await given.commands("Session", lead.token, id=session_id)
        assert len(data["session"]["going"]) == others + 1
        detail.append(len(commands))
        data, commands = await given.commands("SessionAttendance", lead.token, id=session_id)
        assert len(data["session"]["attendance"]) == others + 1
        register.append(len(commands))
    assert (detail, register) == ([detail[0]] * 2, [register[0]] * 2)
    # The member; the session, the group and the membership; its venue (none); the viewer's answer and
    # attendance; the counts; those going and their names; the register and its names.
    assert (detail[0], register[0]) == (11, 11)
