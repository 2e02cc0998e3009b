"""memberRemove: leads keep the group safe; the reason is kept in the moderation log."""

from __future__ import annotations

import pytest

from infra.mongo.client import Database
from tests.factories.groups import Cast, invite_code, mutate, operation, populated_group
from tests.fixtures.app import GraphQLClient
from tests.fixtures.changes import Changes


async def test_a_co_lead_removes_a_member_who_cannot_come_back(gql: GraphQLClient, cast: Cast, db: Database) -> None:
    group_id = await populated_group(gql, cast)

    result = await mutate(
        gql, "MemberRemove", cast.co_lead.token, groupId=group_id, memberId=cast.peer.id, reason="  Harassing others "
    )

    assert result["group"]["memberCount"] == 3
    log = await db.moderation_actions.find({"group_id": group_id, "action": "member_remove"}, {"_id": 0}).to_list(None)
    assert [{k: v for k, v in entry.items() if k != "created_at"} for entry in log] == [
        {"group_id": group_id, "actor_member_id": cast.co_lead.id, "actor_role": "co_lead", "action": "member_remove",
         "target_kind": "member", "target_id": cast.peer.id, "reason": "Harassing others"},
    ]  # fmt: skip
    membership = await db.memberships.find_one({"group_id": group_id, "member_id": cast.peer.id})
    assert membership is not None
    assert membership["status"] == "removed"
    screen = await gql(operation("GroupScreen"), {"id": group_id}, token=cast.peer.token)
    assert screen["errors"][0]["extensions"] == {"code": "NOT_FOUND"}
    rejoin = await mutate(gql, "GroupJoin", cast.peer.token, inviteCode=await invite_code(gql, cast.lead, group_id))
    assert rejoin["code"] == "REMOVED_FROM_GROUP"


async def test_a_co_lead_cannot_remove_a_lead(gql: GraphQLClient, cast: Cast, changes: Changes) -> None:
    group_id = await populated_group(gql, cast)
    before = await changes.mark()
    result = await mutate(gql, "MemberRemove", cast.co_lead.token, groupId=group_id, memberId=cast.lead.id, reason="x")
    assert (result["__typename"], result["code"]) == ("MemberRemoveError", "NOT_PERMITTED")
    assert await changes.since(before) == []


@pytest.mark.parametrize(
    ("target", "reason", "code"),
    [
        ("peer", "", "REASON_LENGTH"),
        ("peer", "x" * 501, "REASON_LENGTH"),
        ("lead", "Because", "CANNOT_TARGET_SELF"),
        ("outsider", "Because", "NOT_A_MEMBER"),
    ],
)
async def test_removals_that_make_no_sense_change_nothing(
    gql: GraphQLClient, cast: Cast, changes: Changes, target: str, reason: str, code: str
) -> None:
    group_id = await populated_group(gql, cast)
    before = await changes.mark()
    result = await mutate(
        gql, "MemberRemove", cast.lead.token, groupId=group_id, memberId=getattr(cast, target).id, reason=reason
    )
    assert result["code"] == code
    assert await changes.since(before) == []
