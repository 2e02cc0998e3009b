"""groupUpdate and groupArchive: leads change their group; bad input and archived groups change nothing."""

from __future__ import annotations

from typing import Any

import pytest

from infra.mongo.client import Database
from tests.factories.groups import Cast, created_group, invite_code, mutate, populated_group
from tests.fixtures.app import GraphQLClient
from tests.fixtures.changes import Changes


async def test_a_lead_changes_only_the_fields_they_give(gql: GraphQLClient, cast: Cast, db: Database) -> None:
    group_id = await created_group(gql, cast.lead, name="Before", capacity=10)
    before = await db.groups.find_one({"_id": group_id})
    assert before is not None

    result = await mutate(
        gql, "GroupUpdate", cast.lead.token, groupId=group_id, name="After", capacity=20, access="OPEN",
        signposting=[{"name": "NHS 111", "phone": "111", "url": "https://111.nhs.uk"}],
    )  # fmt: skip

    group = result["group"]
    assert (group["name"], group["capacity"], group["access"], group["kind"]) == ("After", 20, "OPEN", "GENERAL")
    after = await db.groups.find_one({"_id": group_id})
    assert after is not None
    changed = {key for key in after if after[key] != before[key]}
    assert changed == {
        "name",
        "name_key",
        "search_text",
        "capacity",
        "free_slots",
        "access",
        "signposting",
        "updated_at",
    }
    assert (after["free_slots"], after["name_key"]) == (19, "after")


@pytest.mark.parametrize(
    ("edits", "code"),
    [
        ({}, "NOTHING_TO_UPDATE"),
        ({"name": "x" * 81}, "NAME_LENGTH"),
        ({"description": ""}, "DESCRIPTION_LENGTH"),
        ({"capacity": 101}, "CAPACITY_OUT_OF_RANGE"),
        ({"capacity": 3}, "CAPACITY_BELOW_MEMBERS"),
        ({"timezone": "Europe/Nowhere"}, "TIMEZONE_INVALID"),
        ({"signposting": [{"name": "Help", "url": "https://"}]}, "SIGNPOST_URL_INVALID"),
    ],
)
async def test_invalid_changes_change_nothing(
    gql: GraphQLClient, cast: Cast, changes: Changes, edits: dict[str, Any], code: str
) -> None:
    group_id = await populated_group(gql, cast)
    before = await changes.mark()
    result = await mutate(gql, "GroupUpdate", cast.lead.token, groupId=group_id, **edits)
    assert result["code"] == code
    assert await changes.since(before) == []


async def test_the_capacity_can_come_down_to_the_member_count(gql: GraphQLClient, cast: Cast) -> None:
    group_id = await populated_group(gql, cast)
    result = await mutate(gql, "GroupUpdate", cast.lead.token, groupId=group_id, capacity=4)
    assert (result["group"]["capacity"], result["group"]["memberCount"]) == (4, 4)
    full = await mutate(gql, "GroupJoin", cast.outsider.token, inviteCode=await invite_code(gql, cast.lead, group_id))
    assert full["code"] == "GROUP_FULL"


async def test_an_archived_group_is_read_only(gql: GraphQLClient, cast: Cast, changes: Changes) -> None:
    group_id = await populated_group(gql, cast)
    archived = await mutate(gql, "GroupArchive", cast.lead.token, groupId=group_id)
    assert archived["group"]["archived"] is True
    before = await changes.mark()

    again = await mutate(gql, "GroupArchive", cast.lead.token, groupId=group_id)
    update = await mutate(gql, "GroupUpdate", cast.lead.token, groupId=group_id, name="New name")
    promote = await mutate(gql, "CoLeadPromote", cast.lead.token, groupId=group_id, memberId=cast.member.id)
    remove = await mutate(gql, "MemberRemove", cast.lead.token, groupId=group_id, memberId=cast.peer.id, reason="x")

    assert [r["code"] for r in (again, update, promote, remove)] == ["GROUP_ARCHIVED"] * 4
    assert await changes.since(before) == []
