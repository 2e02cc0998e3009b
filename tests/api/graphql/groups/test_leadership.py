"""Shared leadership: co-leads, handing over, the last lead, staff-assigned leads, time away."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from domain.groups.service import lead_notification_recipients
from infra.mongo.client import Database
from tests.factories.groups import Cast, created_group, mutate, operation, populated_group
from tests.factories.members import onboarded_member, years_ago
from tests.fixtures.app import GraphQLClient, RunningApi
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.changes import Changes


async def roles(gql: GraphQLClient, token: str, group_id: str) -> dict[str, str]:
    body = await gql(operation("GroupScreen"), {"id": group_id}, token=token)
    return {m["displayName"]: m["role"] for m in body["data"]["group"]["members"]["nodes"]}


async def log_of(db: Database, group_id: str) -> list[tuple[str, str, str, str]]:
    entries = await db.moderation_actions.find({"group_id": group_id}).sort("created_at").to_list(None)
    return [(e["actor_member_id"], e["actor_role"], e["action"], e["target_id"]) for e in entries]


async def test_a_lead_promotes_and_demotes_a_co_lead(gql: GraphQLClient, cast: Cast, db: Database) -> None:
    group_id = await populated_group(gql, cast)

    promoted = await mutate(gql, "CoLeadPromote", cast.lead.token, groupId=group_id, memberId=cast.member.id)
    after_promotion = await roles(gql, cast.member.token, group_id)
    demoted = await mutate(gql, "CoLeadDemote", cast.lead.token, groupId=group_id, memberId=cast.member.id)

    assert (promoted["__typename"], demoted["__typename"]) == ("CoLeadPromoteSuccess", "CoLeadDemoteSuccess")
    assert after_promotion == {"Lead": "LEAD", "Co Lead": "CO_LEAD", "Member": "CO_LEAD", "Peer": "MEMBER"}
    assert (await roles(gql, cast.member.token, group_id))["Member"] == "MEMBER"
    assert await log_of(db, group_id) == [
        (cast.lead.id, "lead", "co_lead_promote", cast.co_lead.id),
        (cast.lead.id, "lead", "co_lead_promote", cast.member.id),
        (cast.lead.id, "lead", "co_lead_demote", cast.member.id),
    ]


@pytest.mark.parametrize(
    ("operation_name", "target", "code"),
    [
        ("CoLeadPromote", "co_lead", "ALREADY_CO_LEAD"),
        ("CoLeadPromote", "outsider", "NOT_A_MEMBER"),
        ("CoLeadPromote", "lead", "CANNOT_TARGET_SELF"),
        ("CoLeadDemote", "member", "NOT_A_CO_LEAD"),
        ("CoLeadDemote", "outsider", "NOT_A_MEMBER"),
        ("LeadershipTransfer", "outsider", "NOT_A_MEMBER"),
        ("LeadershipTransfer", "lead", "CANNOT_TARGET_SELF"),
    ],
)
async def test_role_changes_that_make_no_sense_change_nothing(
    gql: GraphQLClient, cast: Cast, changes: Changes, operation_name: str, target: str, code: str
) -> None:
    group_id = await populated_group(gql, cast)
    before = await changes.mark()
    result = await mutate(gql, operation_name, cast.lead.token, groupId=group_id, memberId=getattr(cast, target).id)
    assert result["code"] == code
    assert await changes.since(before) == []


async def test_the_lead_hands_over_and_stays_on_as_a_co_lead(gql: GraphQLClient, cast: Cast, db: Database) -> None:
    group_id = await populated_group(gql, cast)

    result = await mutate(gql, "LeadershipTransfer", cast.lead.token, groupId=group_id, memberId=cast.member.id)

    assert result["group"]["viewerRole"] == "CO_LEAD"
    assert await roles(gql, cast.member.token, group_id) == {
        "Lead": "CO_LEAD", "Co Lead": "CO_LEAD", "Member": "LEAD", "Peer": "MEMBER",
    }  # fmt: skip
    stored = await db.groups.find_one({"_id": group_id})
    assert stored is not None
    assert stored["lead_count"] == 1
    assert (await log_of(db, group_id))[-1] == (cast.lead.id, "lead", "leadership_transfer", cast.member.id)
    left = await mutate(gql, "GroupLeave", cast.lead.token, groupId=group_id)
    assert left["__typename"] == "GroupLeaveSuccess"


async def test_the_last_lead_cannot_leave_or_be_removed(gql: GraphQLClient, cast: Cast, changes: Changes) -> None:
    group_id = await populated_group(gql, cast)
    before = await changes.mark()

    leave = await mutate(gql, "GroupLeave", cast.lead.token, groupId=group_id)
    removal = await mutate(
        gql, "MemberRemove", cast.staff.token, groupId=group_id, memberId=cast.lead.id, reason="Stepping back"
    )

    assert (leave["code"], removal["code"]) == ("LAST_LEAD", "LAST_LEAD")
    assert await changes.since(before) == []


async def test_with_a_second_lead_one_may_leave(gql: GraphQLClient, cast: Cast, db: Database) -> None:
    group_id = await populated_group(gql, cast)
    assigned = await mutate(gql, "GroupLeadAssign", cast.staff.token, groupId=group_id, memberId=cast.peer.id)
    assert assigned["__typename"] == "GroupLeadAssignSuccess"

    left = await mutate(gql, "GroupLeave", cast.lead.token, groupId=group_id)
    last = await mutate(gql, "GroupLeave", cast.peer.token, groupId=group_id)

    assert (left["__typename"], last["code"]) == ("GroupLeaveSuccess", "LAST_LEAD")
    stored = await db.groups.find_one({"_id": group_id})
    assert stored is not None
    assert (stored["lead_count"], stored["member_count"]) == (1, 3)


async def test_the_last_lead_may_leave_an_archived_group(gql: GraphQLClient, cast: Cast) -> None:
    group_id = await created_group(gql, cast.lead)
    await mutate(gql, "GroupArchive", cast.lead.token, groupId=group_id)
    left = await mutate(gql, "GroupLeave", cast.lead.token, groupId=group_id)
    assert left["__typename"] == "GroupLeaveSuccess"


async def test_staff_add_a_lead_from_outside_the_group(gql: GraphQLClient, cast: Cast, db: Database) -> None:
    group_id = await populated_group(gql, cast)

    result = await mutate(gql, "GroupLeadAssign", cast.staff.token, groupId=group_id, memberId=cast.outsider.id)

    assert result["group"]["memberCount"] == 5
    assert (await roles(gql, cast.outsider.token, group_id))["Outsider"] == "LEAD"
    assert (await log_of(db, group_id))[-1] == (cast.staff.id, "staff", "lead_assign", cast.outsider.id)
    stored = await db.groups.find_one({"_id": group_id})
    assert stored is not None
    assert stored["lead_count"] == 2


async def test_youth_groups_change_leads_only_through_staff(
    gql: GraphQLClient, auth_emulator: AuthEmulator, cast: Cast, changes: Changes
) -> None:
    youth_lead = await onboarded_member(gql, auth_emulator, dateOfBirth=years_ago(23).isoformat())
    young = await onboarded_member(gql, auth_emulator, dateOfBirth=years_ago(17).isoformat())
    group_id = await created_group(gql, cast.staff, youth=True, access="OPEN", leadMemberId=youth_lead.id)
    await mutate(gql, "GroupJoin", young.token, groupId=group_id)
    before = await changes.mark()

    result = await mutate(gql, "LeadershipTransfer", youth_lead.token, groupId=group_id, memberId=young.id)

    assert result["code"] == "YOUTH_LEADS_ASSIGNED_BY_STAFF"
    assert await changes.since(before) == []


async def test_while_the_lead_is_away_their_co_leads_hear_what_they_would(
    gql: GraphQLClient, cast: Cast, api: RunningApi
) -> None:
    group_id = await populated_group(gql, cast)
    repos, now = api.runtime.repos, datetime.now(UTC)
    assert await lead_notification_recipients(repos=repos, group_id=group_id, now=now) == [cast.lead.id]
    until = (now + timedelta(days=14)).replace(microsecond=0)

    away = await mutate(gql, "LeadAwaySet", cast.lead.token, groupId=group_id, until=until.isoformat())

    assert away["group"]["viewerAwayUntil"] == until.isoformat()
    assert await lead_notification_recipients(repos=repos, group_id=group_id, now=now) == [cast.co_lead.id]
    screen = await gql(operation("GroupScreen"), {"id": group_id}, token=cast.member.token)
    assert [m["isAway"] for m in screen["data"]["group"]["members"]["nodes"] if m["role"] == "LEAD"] == [True]
    await mutate(gql, "LeadAwaySet", cast.lead.token, groupId=group_id, until=None)
    assert await lead_notification_recipients(repos=repos, group_id=group_id, now=now) == [cast.lead.id]


@pytest.mark.parametrize(
    "until",
    [lambda now: now - timedelta(minutes=1), lambda now: now + timedelta(days=91), lambda now: "2030-01-01T09:00:00"],
)
async def test_an_away_time_outside_the_next_90_days_is_refused(
    gql: GraphQLClient, cast: Cast, changes: Changes, until: Any
) -> None:
    group_id = await created_group(gql, cast.lead)
    value = until(datetime.now(UTC))
    before = await changes.mark()
    result = await mutate(
        gql,
        "LeadAwaySet",
        cast.lead.token,
        groupId=group_id,
        until=value if isinstance(value, str) else value.isoformat(),
    )
    assert result["code"] == "AWAY_UNTIL_INVALID"
    assert await changes.since(before) == []
