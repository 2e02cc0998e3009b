"""Leads' screens, one group at a time: their groups in a picker with what waits in each, any other
group's id is not found (as in GraphQL), and safeguarding staff open any group's moderation queue.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from tests.factories.console import ConsoleClient, console_client, sign_in
from tests.factories.groups import asked_to_join, created_group, invite_code, joined
from tests.factories.members import TestMember as Person
from tests.factories.members import onboarded_member
from tests.factories.shares import act, backdate_memberships, shared
from tests.fixtures.app import GraphQLClient, RunningApi
from tests.fixtures.auth import AuthEmulator


@dataclass(frozen=True)
class Desks:
    lead: ConsoleClient
    officer: ConsoleClient
    first: str  # the lead's first group (created first)
    second: str  # their second, with a join request and a report waiting
    elsewhere: str  # someone else's group
    report_id: str


@pytest.fixture(scope="module")
async def desks(api: RunningApi, gql: GraphQLClient, auth_emulator: AuthEmulator) -> AsyncIterator[Desks]:
    lead = await onboarded_member(gql, auth_emulator, displayName="Lee")
    first = await created_group(gql, lead, name="Monday circle")
    second = await created_group(gql, lead, name="Young carers")
    elsewhere = await created_group(gql, await onboarded_member(gql, auth_emulator, displayName="Other"))
    people: list[Person] = [await onboarded_member(gql, auth_emulator, displayName=f"P{i}") for i in range(2)]
    code = await invite_code(gql, lead, second)
    for person in people:
        await joined(gql, person, code=code)
    await backdate_memberships(api.runtime.db, second)
    grey = await shared(gql, people[0], second, "A grey one today.", anonymous=False)
    report = await act(gql, "ReportCreate", people[1].token, targetKind="SHARE", targetId=grey["id"],
                       groupId=second, reason="SPAM", note="")  # fmt: skip
    await asked_to_join(gql, await onboarded_member(gql, auth_emulator, displayName="Dee"), lead, second,
                        message="Hello from Dee.")  # fmt: skip
    officer = await onboarded_member(gql, auth_emulator, displayName="Officer", claims={"safeguarding": True})
    async with console_client(api.base_url) as lead_desk, console_client(api.base_url) as officer_desk:
        await sign_in(lead_desk, auth_emulator, lead.user)
        await sign_in(officer_desk, auth_emulator, officer.user)
        yield Desks(lead_desk, officer_desk, first, second, elsewhere, report["report"]["id"])


async def test_a_lead_sees_every_group_they_lead_and_one_group_s_work_at_a_time(desks: Desks) -> None:
    first = await desks.lead.get("/console/lead")
    assert "Monday circle" in first.text
    assert "Young carers" in first.text
    assert "(1 asking, 0 quiet, 0 waiting, 1 reports)" in first.text  # the second group, in the picker
    assert "Hello from Dee." not in first.text  # the first group is shown
    second = await desks.lead.get("/console/lead", group=desks.second)
    assert "Hello from Dee." in second.text
    assert f'href="/console/moderation?group={desks.second}"' in second.text


@pytest.mark.parametrize("screen", ["/console/lead", "/console/moderation"])
async def test_another_group_or_a_made_up_one_is_not_found(desks: Desks, screen: str) -> None:
    for group in (desks.elsewhere, str(uuid.uuid4())):
        response = await desks.lead.get(screen, group=group)
        assert response.status_code == 404
        assert "There is nothing here, or it is not yours to see." in response.text


async def test_a_lead_dismisses_a_report_and_comes_back_to_that_group(desks: Desks) -> None:
    queue = await desks.lead.get("/console/moderation", group=desks.second)
    assert "A grey one today." in queue.text
    path = f"/console/moderation/reports/{desks.report_id}/dismiss?group={desks.second}"
    done = await desks.lead.post(path, {"reason": "A member sharing a hard day."})
    assert done.headers["location"] == f"/console/moderation?group={desks.second}&notice=report_dismiss"
    after = await desks.lead.get("/console/moderation", group=desks.second, notice="report_dismiss")
    assert "The report is dismissed." in after.text
    assert "No reports are waiting." in after.text
    assert "A member sharing a hard day." in after.text  # the log


async def test_safeguarding_staff_open_any_group_s_queue_by_its_id(desks: Desks) -> None:
    assert (await desks.officer.get("/console/moderation", group=desks.second)).status_code == 200
    assert (await desks.officer.get("/console/moderation", group=str(uuid.uuid4()))).status_code == 404
    assert (await desks.officer.get("/console/moderation")).status_code == 403  # they lead no group
