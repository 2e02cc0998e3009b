"""quietMembers: who has gone quiet in a group and lets its leads know, for its leads and co-leads
only, quiet longest first, at a cost that does not grow with the list.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from infra.mongo.client import Database
from tests.factories.groups import Cast, new_cast, populated_group
from tests.factories.noticing import noticing_operation
from tests.fixtures.app import CommandCounter, GraphQLClient
from tests.fixtures.auth import AuthEmulator

QUIET_MEMBERS = noticing_operation("QuietMembers")
SINCE = datetime(2027, 1, 3, 23, 30, tzinfo=UTC)  # 3 January in London


async def listed(db: Database, group_id: str, member_id: str, *, since: datetime) -> None:
    """As the quiet scan leaves a member it has listed for the leads (with their consent)."""
    episode = {"number": 1, "started_at": since + timedelta(days=7), "since": since, "step": "listed",
               "listed_at": since + timedelta(days=10)}  # fmt: skip
    await db.memberships.update_one({"group_id": group_id, "member_id": member_id}, {"$set": {"quiet": episode}})


@pytest.fixture(scope="module")
async def quiet_cast(gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database) -> tuple[Cast, str]:
    cast = await new_cast(gql, auth_emulator)
    group_id = await populated_group(gql, cast)
    await listed(db, group_id, cast.member.id, since=SINCE)
    await listed(db, group_id, cast.peer.id, since=SINCE - timedelta(days=2))
    return cast, group_id


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", "UNAUTHENTICATED"),
        ("outsider", "NOT_FOUND"),
        ("member", "FORBIDDEN"),
        ("staff", "FORBIDDEN"),
        ("co_lead", None),
        ("lead", None),
    ],
)
async def test_only_the_groups_leads_and_co_leads_see_who_has_gone_quiet(
    gql: GraphQLClient, quiet_cast: tuple[Cast, str], role: str, expected: str | None
) -> None:
    cast, group_id = quiet_cast
    body = await gql(QUIET_MEMBERS, {"groupId": group_id}, token=cast.token(role))
    if expected is not None:
        assert body["data"] is None
        assert [e["extensions"]["code"] for e in body["errors"]] == [expected]
        return
    nodes = body["data"]["quietMembers"]["nodes"]
    assert nodes == [
        {
            "memberId": cast.peer.id,
            "name": "Peer",
            "quietSince": "2027-01-01",
            "missedSessions": False,
            "summary": "Peer has gone quiet",
        },
        {
            "memberId": cast.member.id,
            "name": "Member",
            "quietSince": "2027-01-03",
            "missedSessions": False,
            "summary": "Member has gone quiet",
        },
    ]


async def test_a_made_up_group_is_not_found(gql: GraphQLClient, quiet_cast: tuple[Cast, str]) -> None:
    cast, _ = quiet_cast
    body = await gql(QUIET_MEMBERS, {"groupId": "made-up"}, token=cast.lead.token)
    assert [e["extensions"]["code"] for e in body["errors"]] == ["NOT_FOUND"]


async def test_pages_and_their_cost_do_not_grow_with_the_list(
    gql: GraphQLClient, quiet_cast: tuple[Cast, str], command_counter: CommandCounter
) -> None:
    cast, group_id = quiet_cast
    costs: list[list[str]] = []
    names: list[Any] = []
    after = None
    for _ in range(2):
        with command_counter.counting() as commands:
            body = await gql(QUIET_MEMBERS, {"groupId": group_id, "first": 1, "after": after}, token=cast.lead.token)
        page = body["data"]["quietMembers"]
        names.extend(node["name"] for node in page["nodes"])
        after = page["pageInfo"]["endCursor"]
        costs.append(commands)
    assert names == ["Peer", "Member"]
    # The viewer, the group and their membership, the page, the names (one DataLoader query)
    assert costs[0] == costs[1] == ["find", "find", "find", "find", "find"]
