"""groupCreate: a member starts a group and leads it; bad input writes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from infra.mongo.client import Database
from tests.factories.groups import Cast, group_input, mutate
from tests.factories.members import onboarded_member, years_ago
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.changes import Changes

SAMARITANS = {"name": "Samaritans", "phone": "116 123", "url": None, "description": "Any time, day or night."}


async def test_a_member_creates_a_group_and_leads_it(gql: GraphQLClient, cast: Cast, db: Database) -> None:
    # Given a member's group details, with a helpline for its members
    details = group_input(
        name="  Bereavement   circle ", kind="BEREAVEMENT", access="OPEN", houseRules="Be kind.",
        capacity=12, signposting=[SAMARITANS],
    )  # fmt: skip

    # When they create it
    result = await mutate(gql, "GroupCreate", cast.lead.token, **details)

    # Then the group is theirs to lead, with one member, as stored
    group = result["group"]
    assert result["__typename"] == "GroupCreateSuccess"
    assert {k: group[k] for k in ("name", "kind", "access", "youth", "memberCount", "capacity", "viewerRole")} == {
        "name": "Bereavement circle", "kind": "BEREAVEMENT", "access": "OPEN", "youth": False,
        "memberCount": 1, "capacity": 12, "viewerRole": "LEAD",
    }  # fmt: skip
    assert group["signposting"] == [SAMARITANS]
    stored = await db.groups.find_one({"_id": group["id"]})
    assert stored is not None
    created_at = stored.pop("created_at")
    assert abs(created_at - datetime.now(UTC)) < timedelta(minutes=1)
    stored.pop("updated_at")
    assert stored.pop("lead_check_at") == created_at + timedelta(days=14)  # its lead is new: nothing to check before
    assert stored == {
        "_id": group["id"], "name": "Bereavement circle", "description": details["description"],
        "house_rules": "Be kind.", "kind": "bereavement", "access": "open", "youth": False, "capacity": 12,
        "timezone": "Europe/London", "signposting": [SAMARITANS], "member_count": 1, "free_slots": 11,
        "lead_count": 1, "lead_change_until": None, "name_key": "bereavement circle",
        "search_text": f"bereavement circle\n{details['description'].casefold()}",
        "archived": False, "archived_at": None, "created_by": cast.lead.id,
        "schedule": None, "next_checkin_at": None, "quiet_policy": {"missed_check_ins": 2, "inactive_days": 7},
        "host_organisation_id": None,
        "local_service_ids": [],
        "home_area": None, "location": None, "default_venue_id": None,
    }  # fmt: skip
    memberships = await db.memberships.find({"group_id": group["id"]}, {"_id": 0}).to_list(None)
    joined_at = memberships[0].pop("joined_at")
    assert memberships == [
        {"group_id": group["id"], "member_id": cast.lead.id, "role": "lead", "status": "active",
         "away_until": None, "removed_at": None, "last_checkin_at": None,
         "muted_until": None, "last_active_at": None, "last_engaged_at": None,
         "next_evaluation_at": joined_at,  # the quiet scan looks at a new membership at once
         "quiet": None, "quiet_episodes": 0, "quiet_ended_at": None, "hidden": False, "leads_blocked": False,
         "missed_sessions_at": None},
    ]  # fmt: skip


async def test_the_capacity_defaults_to_30(gql: GraphQLClient, cast: Cast) -> None:
    result = await mutate(gql, "GroupCreate", cast.lead.token, **group_input())
    assert result["group"]["capacity"] == 30


LINK = {"name": "Shout", "phone": "85258"}


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        pytest.param({"name": ""}, "NAME_LENGTH", "name", id="empty-name"),
        pytest.param({"name": "   "}, "NAME_LENGTH", "name", id="blank-name"),
        pytest.param({"name": "x" * 81}, "NAME_LENGTH", "name", id="81-character-name"),
        pytest.param({"name": "Group\u0007"}, "NAME_CHARACTERS", "name", id="control-character"),
        pytest.param({"description": ""}, "DESCRIPTION_LENGTH", "description", id="empty-description"),
        pytest.param({"description": "x" * 2001}, "DESCRIPTION_LENGTH", "description", id="2001-characters"),
        pytest.param({"houseRules": "x" * 2001}, "HOUSE_RULES_LENGTH", "houseRules", id="long-house-rules"),
        pytest.param({"capacity": 1}, "CAPACITY_OUT_OF_RANGE", "capacity", id="capacity-1"),
        pytest.param({"capacity": 101}, "CAPACITY_OUT_OF_RANGE", "capacity", id="capacity-101"),
        pytest.param({"timezone": "Mars/Olympus"}, "TIMEZONE_INVALID", "timezone", id="unknown-zone"),
        pytest.param({"signposting": [LINK] * 11}, "SIGNPOSTING_TOO_MANY", "signposting", id="11-links"),
        pytest.param(
            {"signposting": [{"name": "", "phone": "999"}]},
            "SIGNPOST_NAME_LENGTH",
            "signposting[0].name",
            id="link-without-name",
        ),
        pytest.param(
            {"signposting": [{"name": "Help"}]},
            "SIGNPOST_CONTACT_REQUIRED",
            "signposting[0]",
            id="link-without-contact",
        ),
        pytest.param(
            {"signposting": [LINK, {"name": "Help", "phone": "call me"}]},
            "SIGNPOST_PHONE_INVALID",
            "signposting[1].phone",
            id="bad-phone",
        ),
        pytest.param(
            {"signposting": [{"name": "Help", "url": "http://example.org"}]},
            "SIGNPOST_URL_INVALID",
            "signposting[0].url",
            id="plain-http",
        ),
        pytest.param(
            {"signposting": [{"name": "Help", "url": "javascript:alert(1)"}]},
            "SIGNPOST_URL_INVALID",
            "signposting[0].url",
            id="script-url",
        ),
        pytest.param(
            {"signposting": [{"name": "Help", "phone": "999", "description": "x" * 301}]},
            "SIGNPOST_DESCRIPTION_LENGTH",
            "signposting[0].description",
            id="long-link-description",
        ),
    ],
)
async def test_each_invalid_field_returns_its_code_and_writes_nothing(
    gql: GraphQLClient, cast: Cast, changes: Changes, overrides: dict[str, Any], code: str, field: str
) -> None:
    before = await changes.mark()

    result = await mutate(gql, "GroupCreate", cast.lead.token, **group_input(**overrides))

    assert result["__typename"] == "GroupCreateError"
    assert result["code"] == code
    assert [(error["field"], error["code"]) for error in result["fieldErrors"]] == [(field, code)]
    assert await changes.since(before) == []


async def test_every_invalid_field_is_reported_at_once(gql: GraphQLClient, cast: Cast) -> None:
    bad = group_input(name="", description="", capacity=0, timezone="Nowhere")
    result = await mutate(gql, "GroupCreate", cast.lead.token, **bad)
    assert [error["code"] for error in result["fieldErrors"]] == [
        "NAME_LENGTH", "DESCRIPTION_LENGTH", "CAPACITY_OUT_OF_RANGE", "TIMEZONE_INVALID",
    ]  # fmt: skip


@pytest.mark.parametrize(("field", "value"), [("kind", "ALLOTMENT"), ("access", "SECRET"), ("kind", "general")])
async def test_unknown_enum_values_are_refused_before_anything_runs(
    gql: GraphQLClient, cast: Cast, changes: Changes, field: str, value: str
) -> None:
    before = await changes.mark()
    body = await mutate(gql, "GroupCreate", cast.lead.token, **group_input(**{field: value}))
    assert body["data"] is None
    assert "$input" in body["errors"][0]["message"]
    assert await changes.since(before) == []


async def test_an_under_18_cannot_create_a_group(
    gql: GraphQLClient, auth_emulator: AuthEmulator, changes: Changes
) -> None:
    young = await onboarded_member(gql, auth_emulator, dateOfBirth=years_ago(17).isoformat())
    before = await changes.mark()
    result = await mutate(gql, "GroupCreate", young.token, **group_input())
    assert result["code"] == "AGE_NOT_ALLOWED"
    assert await changes.since(before) == []


async def test_staff_create_a_youth_group_led_by_the_member_they_assign(
    gql: GraphQLClient, auth_emulator: AuthEmulator, cast: Cast, db: Database
) -> None:
    youth_lead = await onboarded_member(gql, auth_emulator, dateOfBirth=years_ago(22).isoformat())

    result = await mutate(
        gql, "GroupCreate", cast.staff.token, **group_input(youth=True, kind="YOUNG_PEOPLE", leadMemberId=youth_lead.id)
    )

    group = result["group"]
    assert (group["youth"], group["viewerRole"], group["memberCount"]) == (True, None, 1)
    lead = await db.memberships.find_one({"group_id": group["id"]})
    assert lead is not None
    assert (lead["member_id"], lead["role"]) == (youth_lead.id, "lead")
    log = await db.moderation_actions.find({"group_id": group["id"]}, {"_id": 0, "created_at": 0}).to_list(None)
    assert log == [
        {"group_id": group["id"], "actor_member_id": cast.staff.id, "actor_role": "staff", "action": "lead_assign",
         "target_kind": "member", "target_id": youth_lead.id, "reason": None},
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("overrides", "code"),
    [({}, "LEAD_REQUIRED"), ({"leadMemberId": "no-such-member"}, "LEAD_NOT_FOUND")],
)
async def test_a_youth_group_needs_an_existing_lead(
    gql: GraphQLClient, cast: Cast, changes: Changes, overrides: dict[str, Any], code: str
) -> None:
    before = await changes.mark()
    result = await mutate(gql, "GroupCreate", cast.staff.token, **group_input(youth=True, **overrides))
    assert result["code"] == code
    assert await changes.since(before) == []
