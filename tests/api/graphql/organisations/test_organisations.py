"""Organisations over the real API: a platform admin creates one and appoints its first admin, who
appoints staff; a group is hosted by one organisation; its staff read it and nothing else; two
organisations run groups side by side without seeing each other's members or alerts; groups
stored before organisations existed stay unhosted and work as before.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from domain.accounts.export_document import gather
from domain.shares import AnonymityKey
from infra.mongo.client import Database
from infra.settings import Settings
from tests.factories.members import onboarded_member
from tests.factories.organisations import (
    OrgStaff,
    created_organisation,
    granted,
    hosted,
    organisation_input,
    staffed_organisation,
)
from tests.factories.shares import ShareCast, act, content_group, run
from tests.fixtures.app import GraphQLClient, RunningApi
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.changes import Changes
from tests.security.world import random_id

HIGH = "I want to kill myself"


def error_code(body: dict[str, Any]) -> str:
    return str(body["errors"][0]["extensions"]["code"])


async def test_a_platform_admin_creates_an_organisation_whose_admin_appoints_its_staff(
    gql: GraphQLClient, auth_emulator: AuthEmulator, share_cast: ShareCast, api: RunningApi, settings: Settings
) -> None:
    first_admin = await onboarded_member(gql, auth_emulator)
    worker = await onboarded_member(gql, auth_emulator)

    created = await act(gql, "OrganisationCreate", share_cast.admin.token, **organisation_input(first_admin))
    organisation_id = created["organisation"]["id"]
    appointed = await act(
        gql, "OrgRoleGrant", first_admin.token, organisationId=organisation_id, memberId=worker.id,
        role="ORG_SAFEGUARDING", email=" Duty@Riverside.example.org ",
    )  # fmt: skip
    mine = (await run(gql, "MyOrganisations", worker.token))["data"]["myOrganisations"]
    staff = (await run(gql, "OrganisationStaff", first_admin.token, organisationId=organisation_id))["data"]

    assert created["organisation"] | {"id": "", "createdAt": ""} == {
        "id": "", "name": "Riverside Mind", "nations": ["ENGLAND"], "contactEmail": "hello@riverside.example.org",
        "safeguardingPolicyUrl": "https://riverside.example.org/safeguarding", "timezone": "Europe/London",
        "ackMinutesHigh": 15, "ackMinutesOther": 240, "textMonthlyBudget": None, "viewerRoles": [], "createdAt": "",
    }  # fmt: skip
    assert appointed["role"]["email"] == "Duty@riverside.example.org"  # the domain part normalised
    assert [(o["id"], o["viewerRoles"]) for o in mine] == [(organisation_id, ["ORG_SAFEGUARDING"])]
    assert sorted((r["memberId"], r["role"]) for r in staff["organisationStaff"]) == sorted(
        [(first_admin.id, "ORG_ADMIN"), (worker.id, "ORG_SAFEGUARDING")]
    )
    repos = api.runtime.repos
    exported = await gather(
        repos=repos, key=AnonymityKey.of(settings.anonymity_key.get_secret_value()),
        member=(await repos.members.get_many([worker.id]))[0], now=api.runtime.clock.now(),
    )  # fmt: skip
    assert [(r["organisationId"], r["role"], r["email"]) for r in exported["organisationRoles"]] == [
        (organisation_id, "org_safeguarding", "Duty@riverside.example.org")
    ]  # their own data, in their export


async def test_bad_details_are_refused_with_every_issue_and_nothing_is_written(
    gql: GraphQLClient, auth_emulator: AuthEmulator, share_cast: ShareCast, changes: Changes
) -> None:
    first_admin = await onboarded_member(gql, auth_emulator)
    before = await changes.mark()

    refused = await act(
        gql, "OrganisationCreate", share_cast.admin.token,
        **organisation_input(first_admin, name=" ", nations=[], contactEmail="not an address",
                             safeguardingPolicyUrl="http://insecure.example.org", timezone="Mars/Olympus",
                             ackMinutesHigh=0),
    )  # fmt: skip
    not_admin = await act(gql, "OrganisationCreate", share_cast.lead.token, **organisation_input(first_admin))
    no_email = await act(
        gql, "OrgRoleGrant", share_cast.admin.token,
        organisationId=await created_organisation(gql, share_cast.admin, first_admin), memberId=first_admin.id,
        role="ORG_SAFEGUARDING",
    )  # fmt: skip

    assert refused["code"] == "NAME_LENGTH"
    assert [(e["field"], e["code"]) for e in refused["fieldErrors"]] == [
        ("name", "NAME_LENGTH"), ("nations", "NATIONS_REQUIRED"), ("contactEmail", "EMAIL_INVALID"),
        ("safeguardingPolicyUrl", "URL_INVALID"), ("timezone", "TIMEZONE_INVALID"),
        ("ackMinutesHigh", "DEADLINE_OUT_OF_RANGE"),
    ]  # fmt: skip
    assert not_admin["code"] == "NOT_PERMITTED"
    assert no_email["code"] == "EMAIL_REQUIRED"
    written = await changes.since(before)
    assert written  # the third call's organisation, made to grant the role in
    assert all("organisations" in c or "org_roles" in c for c in written)


async def _two_hosted_groups(
    gql: GraphQLClient, db: Database, auth_emulator: AuthEmulator, cast: ShareCast
) -> tuple[OrgStaff, OrgStaff, str, str]:
    first = await staffed_organisation(gql, auth_emulator, cast.admin, "Riverside Mind")
    second = await staffed_organisation(gql, auth_emulator, cast.admin, "Hilltop Carers")
    group_a = await content_group(gql, db, cast)
    group_b = await content_group(gql, db, cast)
    await hosted(gql, cast.admin, group_a, first.id)
    await hosted(gql, cast.admin, group_b, second.id)
    return first, second, group_a, group_b


async def test_two_organisations_run_groups_side_by_side_without_seeing_each_other(
    gql: GraphQLClient, db: Database, auth_emulator: AuthEmulator, share_cast: ShareCast, changes: Changes
) -> None:
    first, second, group_a, group_b = await _two_hosted_groups(gql, db, auth_emulator, share_cast)
    share_a = (await act(gql, "ShareCreate", share_cast.author.token, groupId=group_a, body=HIGH))["share"]
    share_b = (await act(gql, "ShareCreate", share_cast.author.token, groupId=group_b, body=HIGH))["share"]
    alert_a = await db.safeguarding_alerts.find_one({"source_id": share_a["id"]})
    alert_b = await db.safeguarding_alerts.find_one({"source_id": share_b["id"]})
    assert alert_a is not None
    assert alert_b is not None
    before = await changes.mark()

    own = await run(gql, "GroupScreen", first.staff.token, id=group_a)
    theirs = await run(gql, "GroupScreen", first.staff.token, id=group_b)
    missing = await run(gql, "GroupScreen", first.staff.token, id=random_id())
    alerts_first = await run(gql, "SafeguardingAlerts", first.safeguarding.token, first=50)
    alerts_second = await run(gql, "SafeguardingAlerts", second.safeguarding.token, first=50)
    other_org = await run(gql, "Organisation", first.admin.token, id=second.id)
    queue = await run(gql, "ModerationQueue", second.staff.token, groupId=group_a)

    assert own["data"]["group"]["host"]["name"] == "Riverside Mind"
    assert own["data"]["group"]["memberCount"] == 5
    assert error_code(theirs) == error_code(missing) == "NOT_FOUND"
    assert theirs["errors"][0]["message"] == missing["errors"][0]["message"]
    assert [a["id"] for a in alerts_first["data"]["safeguardingAlerts"]["nodes"]] == [alert_a["_id"]]
    assert [a["id"] for a in alerts_second["data"]["safeguardingAlerts"]["nodes"]] == [alert_b["_id"]]
    assert error_code(other_org) == "NOT_FOUND"
    assert error_code(queue) == "NOT_FOUND"
    assert await changes.since(before) == []

    # Acting on the other's alert looks exactly like acting on a missing one.
    foreign = await act(gql, "AlertAcknowledge", first.safeguarding.token, alertId=alert_b["_id"])
    absent = await act(gql, "AlertAcknowledge", first.safeguarding.token, alertId=random_id())
    taken = await act(gql, "AlertAcknowledge", first.safeguarding.token, alertId=alert_a["_id"])
    assert error_code(foreign) == error_code(absent) == "NOT_FOUND"
    assert (taken["alert"]["status"], taken["alert"]["acknowledgedBy"]) == ("ACKNOWLEDGED", first.safeguarding.id)


async def test_members_see_their_group_s_host_and_staff_read_its_moderation_queue(
    gql: GraphQLClient, db: Database, auth_emulator: AuthEmulator, share_cast: ShareCast
) -> None:
    first, _, group_a, _ = await _two_hosted_groups(gql, db, auth_emulator, share_cast)
    share = (await act(gql, "ShareCreate", share_cast.author.token, groupId=group_a, body="A grey one."))["share"]
    reported = await act(
        gql, "ReportCreate", share_cast.member.token, targetKind="SHARE", targetId=share["id"], groupId=group_a,
        reason="SPAM", note="",
    )  # fmt: skip
    assert reported["__typename"] == "ReportCreateSuccess", reported

    seen = (await run(gql, "GroupScreen", share_cast.member.token, id=group_a))["data"]["group"]["host"]
    queue = await run(gql, "ModerationQueue", first.staff.token, groupId=group_a)
    groups = (await run(gql, "OrganisationGroups", first.staff.token, organisationId=first.id))["data"]

    assert seen == {
        "id": first.id,
        "name": "Riverside Mind",
        "safeguardingPolicyUrl": "https://riverside.example.org/safeguarding",
    }
    items = queue["data"]["moderationQueue"]["nodes"]
    assert [(item["id"], item["target"]["id"]) for item in items] == [(reported["report"]["id"], share["id"])]
    assert share_cast.member.id not in str(items)  # reporters are never named
    assert [g["id"] for g in groups["organisationGroups"]] == [group_a]


async def test_a_revoked_role_stops_working_on_the_next_request(
    gql: GraphQLClient, db: Database, auth_emulator: AuthEmulator, share_cast: ShareCast
) -> None:
    first, _, group_a, _ = await _two_hosted_groups(gql, db, auth_emulator, share_cast)
    assert "errors" not in await run(gql, "GroupScreen", first.staff.token, id=group_a)

    revoked = await act(
        gql, "OrgRoleRevoke", first.admin.token, organisationId=first.id, memberId=first.staff.id, role="ORG_STAFF"
    )
    again = await act(
        gql, "OrgRoleRevoke", first.admin.token, organisationId=first.id, memberId=first.staff.id, role="ORG_STAFF"
    )

    assert revoked["__typename"] == "OrgRoleRevokeSuccess"
    assert again["code"] == "ROLE_NOT_HELD"
    assert error_code(await run(gql, "GroupScreen", first.staff.token, id=group_a)) == "NOT_FOUND"


async def test_hosting_takes_the_lead_or_a_platform_admin_and_one_host_at_a_time(
    gql: GraphQLClient, db: Database, auth_emulator: AuthEmulator, share_cast: ShareCast
) -> None:
    first = await staffed_organisation(gql, auth_emulator, share_cast.admin, "Riverside Mind")
    second = await staffed_organisation(gql, auth_emulator, share_cast.admin, "Hilltop Carers")
    group_id = await content_group(gql, db, share_cast)
    await granted(gql, first.admin, first.id, share_cast.lead, "ORG_ADMIN")  # the lead works for the first too

    not_lead = await act(gql, "GroupHost", second.admin.token, groupId=group_id, organisationId=second.id)
    by_lead = await act(gql, "GroupHost", share_cast.lead.token, groupId=group_id, organisationId=first.id)
    taken = await act(gql, "GroupHost", share_cast.admin.token, groupId=group_id, organisationId=second.id)
    unhosted = await act(gql, "GroupUnhost", first.admin.token, groupId=group_id)

    assert error_code(not_lead) == "NOT_FOUND"  # a closed group the second's admin is not in
    assert by_lead["group"]["host"]["id"] == first.id
    assert taken["code"] == "ALREADY_HOSTED"
    assert unhosted == {"__typename": "GroupUnhostSuccess", "groupId": group_id}
    assert (await db.groups.find_one({"_id": group_id}) or {})["host_organisation_id"] is None


@pytest.mark.engine_contract
async def test_two_hosts_racing_for_a_group_one_wins(
    gql: GraphQLClient, db: Database, auth_emulator: AuthEmulator, share_cast: ShareCast
) -> None:
    organisations = [await staffed_organisation(gql, auth_emulator, share_cast.admin, f"Charity {n}") for n in range(4)]
    group_id = await content_group(gql, db, share_cast)

    results = await asyncio.gather(*[
        act(gql, "GroupHost", share_cast.admin.token, groupId=group_id, organisationId=o.id) for o in organisations
    ])  # fmt: skip

    winners = [r for r in results if r["__typename"] == "GroupHostSuccess"]
    assert len(winners) == 1
    assert sorted(r.get("code") for r in results if r not in winners) == ["ALREADY_HOSTED"] * 3
    stored = await db.groups.find_one({"_id": group_id})
    assert stored is not None
    assert stored["host_organisation_id"] == winners[0]["group"]["host"]["id"]


async def test_a_group_stored_before_organisations_is_unhosted_and_works_as_before(
    gql: GraphQLClient, db: Database, share_cast: ShareCast
) -> None:
    group_id = await content_group(gql, db, share_cast)
    await db.groups.update_one({"_id": group_id}, {"$unset": {"host_organisation_id": ""}})  # as stored before

    group = (await run(gql, "GroupScreen", share_cast.member.token, id=group_id))["data"]["group"]
    shared = await act(gql, "ShareCreate", share_cast.author.token, groupId=group_id, body=HIGH)
    alert = await db.safeguarding_alerts.find_one({"source_id": shared["share"]["id"]})
    listed = await run(gql, "SafeguardingAlerts", share_cast.staff.token, first=100)

    assert group["host"] is None
    assert shared["__typename"] == "ShareCreateSuccess"
    assert alert is not None
    assert alert["group_id"] == group_id
    assert alert["_id"] in [a["id"] for a in listed["data"]["safeguardingAlerts"]["nodes"]]
