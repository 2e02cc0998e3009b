"""The console's organisation screens over the real API: the on-call rota, for the organisation's
admins and safeguarding staff and the platform's safeguarding staff (its other staff are refused),
appeals, decided by the host's staff with the mutation's use case, and the safeguarding screen's
break-glass requests, the organisation's own for its officers. Another organisation's staff get
exactly what a missing organisation, group or request gives.
"""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass
from datetime import timedelta

import pytest

from infra.mongo.client import Database
from tests.factories.console import ConsoleClient, console_client, sign_in
from tests.factories.groups import created_group
from tests.factories.members import TestMember as Person
from tests.factories.members import onboarded_member
from tests.factories.organisations import OrgStaff, granted, hosted, staffed_organisation
from tests.factories.shares import ShareCast, act, content_group, shared
from tests.fixtures.app import GraphQLClient, RunningApi
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.changes import Changes
from tests.security.world import random_id


@dataclass(frozen=True)
class World:
    org: OrgStaff
    other: OrgStaff
    platform_admin: Person
    clients: dict[str, ConsoleClient]


@pytest.fixture(scope="module")
async def world(api: RunningApi, gql: GraphQLClient, auth_emulator: AuthEmulator) -> AsyncIterator[World]:
    platform_admin = await onboarded_member(gql, auth_emulator, claims={"admin": True})
    officer = await onboarded_member(gql, auth_emulator, claims={"safeguarding": True})
    member = await onboarded_member(gql, auth_emulator)
    org = await staffed_organisation(gql, auth_emulator, platform_admin, "Riverside Mind")
    other = await staffed_organisation(gql, auth_emulator, platform_admin, "Hillside Carers")
    now = api.runtime.clock.now()
    shift = await act(
        gql, "RotaShiftAdd", org.admin.token, organisationId=org.id, memberId=org.safeguarding.id,
        startsAt=(now - timedelta(hours=1)).isoformat(), endsAt=(now + timedelta(hours=8)).isoformat(),
    )  # fmt: skip
    assert shift["__typename"] == "RotaShiftAddSuccess", shift
    people = {
        "org_admin": org.admin, "org_safeguarding": org.safeguarding, "org_staff": org.staff,
        "other_org_admin": other.admin, "platform_safeguarding": officer, "platform_admin": platform_admin,
        "member": member,
    }  # fmt: skip
    async with AsyncExitStack() as stack:
        clients: dict[str, ConsoleClient] = {}
        for name, person in people.items():
            clients[name] = await stack.enter_async_context(console_client(api.base_url))
            await sign_in(clients[name], auth_emulator, person.user)
        yield World(org=org, other=other, platform_admin=platform_admin, clients=clients)


async def test_the_on_call_screen_shows_the_rota_to_its_admins_and_safeguarding_staff(
    world: World, changes: Changes
) -> None:
    mark = await changes.mark()
    answers = {
        name: await client.get("/console/on-call", organisation=world.org.id) for name, client in world.clients.items()
    }
    missing = await world.clients["org_admin"].get("/console/on-call", organisation=random_id())

    assert {name: r.status_code for name, r in answers.items()} == {
        "org_admin": 200, "org_safeguarding": 200, "platform_safeguarding": 200,
        "org_staff": 403,  # they read the organisation's groups, not its rota
        "other_org_admin": 404, "platform_admin": 404, "member": 404,
    }  # fmt: skip
    assert answers["other_org_admin"].text == missing.text  # exactly like an organisation that does not exist
    page = answers["org_safeguarding"].text
    assert "On call: Riverside Mind" in page
    assert "On call now: Riverside Mind S." in page  # the safeguarding officer on duty, by name
    assert await changes.since(mark) == []


async def test_without_an_organisation_the_screen_lists_the_viewer_s_own(world: World) -> None:
    mine = await world.clients["org_admin"].get("/console/on-call")
    none = await world.clients["org_staff"].get("/console/on-call")

    assert mine.status_code == none.status_code == 200
    assert f"/console/on-call?organisation={world.org.id}" in mine.text
    assert world.other.id not in mine.text
    assert "?organisation=" not in none.text


async def test_the_host_s_staff_decide_an_appeal_in_the_console_with_the_mutation_s_use_case(
    world: World, gql: GraphQLClient, db: Database, share_cast: ShareCast, changes: Changes
) -> None:
    group_id = await content_group(gql, db, share_cast)
    await hosted(gql, world.platform_admin, group_id, world.org.id)
    share = await shared(gql, share_cast.author, group_id, "You are all useless.")
    hidden = await act(
        gql, "ContentModerate", share_cast.lead.token, targetKind="SHARE", targetId=share["id"], action="HIDE",
        reason="Rule 2: be kind to each other",
    )  # fmt: skip
    assert hidden["__typename"] == "ContentModerateSuccess", hidden
    [notice] = await db.moderation_notices.find({"target_id": share["id"]}).to_list(None)
    appealed = await act(gql, "ModerationAppeal", share_cast.author.token, noticeId=notice["_id"], note="A joke.")
    assert appealed["notice"]["appealStatus"] == "PENDING", appealed
    staff, foreign = world.clients["org_staff"], world.clients["other_org_admin"]

    choices = await staff.get("/console/appeals")
    mark = await changes.mark()
    queue = await staff.get("/console/appeals", group=group_id)
    not_theirs = await foreign.get("/console/appeals", group=group_id)
    missing = await foreign.get("/console/appeals", group=random_id())
    assert await changes.since(mark) == []
    refused = await foreign.post(f"/console/appeals/{notice['_id']}/decide", {"appeal": "grant", "note": "Sure."})
    decided = await staff.post(
        f"/console/appeals/{notice['_id']}/decide?group={group_id}", {"appeal": "grant", "note": "Fair enough."}
    )

    assert f"/console/appeals?group={group_id}" in choices.text
    assert queue.status_code == 200
    assert "A joke." in queue.text
    assert share_cast.author.id not in queue.text
    assert (not_theirs.status_code, not_theirs.text) == (404, missing.text)
    assert refused.status_code == 404
    assert decided.status_code == 303
    assert decided.headers["location"] == f"/console/appeals?group={group_id}&notice=appeal_decide"
    stored = await db.moderation_notices.find_one({"_id": notice["_id"]})
    assert stored is not None
    assert (stored["appeal_status"], stored["decided_by"]) == ("granted", world.org.staff.id)
    assert (await db.shares.find_one({"_id": share["id"]}) or {})["status"] == "published"
    audit = await db.console_actions.find({"action": "appeal_decide"}).sort("at", 1).to_list(None)
    assert [a["outcome"] for a in audit] == ["not_found", "done"]


async def test_an_organisation_s_impact_report_is_for_its_staff_and_platform_staff(
    world: World, gql: GraphQLClient, auth_emulator: AuthEmulator, changes: Changes
) -> None:
    lead = await onboarded_member(gql, auth_emulator)
    group_id = await created_group(gql, lead)
    await hosted(gql, world.platform_admin, group_id, world.org.id)
    mark = await changes.mark()

    answers = {
        name: await client.get("/console/reports", organisation=world.org.id) for name, client in world.clients.items()
    }
    missing = await world.clients["other_org_admin"].get("/console/reports", organisation=random_id())
    platform_wide = await world.clients["org_staff"].get("/console/reports")
    csv_ = await world.clients["org_staff"].get("/console/reports/report.csv", organisation=world.org.id)
    chart = await world.clients["org_admin"].get("/console/reports/chart/active.svg", organisation=world.org.id)
    foreign = world.clients["other_org_admin"]
    foreign_csv = await foreign.get("/console/reports/report.csv", organisation=world.org.id)

    assert {name: r.status_code for name, r in answers.items()} == {
        "org_admin": 200, "org_safeguarding": 200, "org_staff": 200, "platform_safeguarding": 200,
        "platform_admin": 200, "other_org_admin": 404, "member": 404,
    }  # fmt: skip
    assert answers["other_org_admin"].text == missing.text  # exactly like an organisation that does not exist
    assert foreign_csv.status_code == 404
    assert "group(s) hosted by the organisation" in answers["org_staff"].text
    assert platform_wide.status_code == 403  # the platform's report stays the platform staff's
    assert csv_.status_code == 200
    [scope] = {row["scope"] for row in csv.DictReader(io.StringIO(csv_.text))}
    assert group_id in scope.split(",")  # the scope: the organisation's hosted groups
    assert chart.status_code == 200
    assert await changes.since(mark) == []


async def test_an_organisation_s_officers_see_and_approve_only_its_break_glass_requests(
    world: World, gql: GraphQLClient, db: Database, share_cast: ShareCast, auth_emulator: AuthEmulator,
    changes: Changes,
) -> None:  # fmt: skip
    second = await onboarded_member(gql, auth_emulator, displayName="Riverside S2")
    await granted(gql, world.org.admin, world.org.id, second, "ORG_SAFEGUARDING")
    asked: dict[str, str] = {}
    for name, organisation, officer in (("ours", world.org, second), ("theirs", world.other, world.other.safeguarding)):
        group_id = await content_group(gql, db, share_cast)
        await hosted(gql, world.platform_admin, group_id, organisation.id)
        share = await shared(gql, share_cast.author, group_id)
        result = await act(
            gql, "AuthorRevealRequest", officer.token, targetKind="SHARE", targetId=share["id"],
            reason="RISK_TO_LIFE", justification=f"{name.title()}: a plan and a time were named.",
        )  # fmt: skip
        assert result["__typename"] == "AuthorRevealRequestSuccess", result
        asked[name] = result["request"]["id"]
    officer = world.clients["org_safeguarding"]
    mark = await changes.mark()

    home = await officer.get("/console/")
    mine = await officer.get("/console/safeguarding")
    everyone = await world.clients["platform_safeguarding"].get("/console/safeguarding")
    refused = {name: (await world.clients[name].get("/console/safeguarding")).status_code
               for name in ("org_admin", "org_staff", "other_org_admin", "member")}  # fmt: skip
    assert await changes.since(mark) == []
    foreign = await officer.post(f"/console/safeguarding/reveals/{asked['theirs']}/approve")
    missing = await officer.post(f"/console/safeguarding/reveals/{random_id()}/approve")
    approved = await officer.post(f"/console/safeguarding/reveals/{asked['ours']}/approve")

    assert 'href="/console/safeguarding"' in home.text  # the menu offers the screen
    assert mine.status_code == 200
    assert "Ours: a plan" in mine.text
    assert "Theirs: a plan" not in mine.text
    assert "Ours: a plan" in everyone.text
    assert "<td>Riverside Mind</td>" in everyone.text  # on whose authority it was asked
    assert "Theirs: a plan" in everyone.text
    assert refused == {"org_admin": 403, "org_staff": 403, "other_org_admin": 403, "member": 403}
    assert (foreign.status_code, foreign.text) == (404, missing.text)  # exactly like a request that does not exist
    assert approved.status_code == 200
    assert share_cast.author.id in approved.text
    stored = await db.author_reveal_requests.find_one({"_id": asked["ours"]})
    assert stored is not None
    assert (stored["status"], stored["approved_by"]) == ("approved", world.org.safeguarding.id)
    [step] = await db.author_reveal_audit.find({"request_id": asked["ours"], "step": "approved"}).to_list(None)
    assert step["organisation_id"] == world.org.id
    theirs = await db.author_reveal_requests.find_one({"_id": asked["theirs"]})
    assert theirs is not None
    assert theirs["status"] == "pending"
