"""Every console action is audited, refusals too (who, what, on what, when, how it ended), and the
refusal is the use case's own: a note too long or empty changes nothing and says why.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest

from domain.clock import to_millisecond
from tests.factories.checkins import checked_in
from tests.factories.console import ConsoleClient, console_client, sign_in
from tests.factories.members import TestMember as Person
from tests.factories.members import onboarded_member
from tests.fixtures.app import GraphQLClient, RunningApi
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.changes import Changes

HIGH_RISK = "I want to kill myself"


@pytest.fixture(scope="module")
async def officer(gql: GraphQLClient, auth_emulator: AuthEmulator) -> Person:
    return await onboarded_member(gql, auth_emulator, displayName="Officer", claims={"safeguarding": True})


@pytest.fixture(scope="module")
async def desk(api: RunningApi, auth_emulator: AuthEmulator, officer: Person) -> AsyncIterator[ConsoleClient]:
    async with console_client(api.base_url) as client:
        await sign_in(client, auth_emulator, officer.user)
        yield client


async def test_a_refused_resolution_changes_nothing_says_why_and_is_audited(
    api: RunningApi, gql: GraphQLClient, auth_emulator: AuthEmulator, officer: Person, desk: ConsoleClient,
    changes: Changes,
) -> None:  # fmt: skip
    member = await onboarded_member(gql, auth_emulator, displayName="Kit")
    check_in = await checked_in(gql, member, mood=1, note=HIGH_RISK)
    alert = await api.runtime.db.safeguarding_alerts.find_one({"source_id": check_in["id"]})
    assert alert is not None
    before = await changes.mark()
    started = to_millisecond(api.runtime.clock.now())
    # When the officer resolves it saying nothing (spaces only)
    refused = await desk.post(f"/console/safeguarding/alerts/{alert['_id']}/resolve", {"note": "   "})
    # Then they are sent back with the reason, the alert is as it was, and the attempt is in the audit
    assert refused.headers["location"] == "/console/safeguarding?notice=note_length"
    screen = await desk.get("/console/safeguarding", notice="note_length")
    assert "Not done: note length." in screen.text
    assert await changes.since(before) == ["console_actions: insert 1"]
    stored = await api.runtime.db.safeguarding_alerts.find_one({"_id": alert["_id"]})
    assert stored == alert
    entry = await api.runtime.db.console_actions.find_one({"target_id": alert["_id"]})
    assert entry is not None
    assert {k: v for k, v in entry.items() if k not in {"_id", "at"}} == {
        "actor_member_id": officer.id, "actor_scopes": ["safeguarding"], "action": "alert_resolve",
        "target_kind": "safeguarding_alert", "target_id": alert["_id"], "group_id": None, "outcome": "note_length",
    }  # fmt: skip
    assert entry["at"].replace(tzinfo=started.tzinfo) >= started


async def test_an_action_on_nothing_is_not_found_and_audited(api: RunningApi, desk: ConsoleClient) -> None:
    made_up = str(uuid.uuid4())
    response = await desk.post(f"/console/safeguarding/reveals/{made_up}/approve")
    assert response.status_code == 404
    assert "There is nothing here, or it is not yours to see." in response.text
    entry = await api.runtime.db.console_actions.find_one({"target_id": made_up})
    assert entry is not None
    assert (entry["action"], entry["outcome"]) == ("author_reveal_approve", "not_found")


async def test_staff_read_the_audit_newest_first_with_who_did_it(api: RunningApi, desk: ConsoleClient) -> None:
    page = await desk.get("/console/audit")
    assert page.status_code == 200
    text = page.text
    assert text.index("author reveal approve") < text.index("alert resolve")  # newest first
    assert text.count("<td>Officer</td>") == 2
    assert "not found" in text
    assert "note length" in text
    # And a notice's text is only ever one the console knows the shape of
    injected = await desk.get("/console/audit", notice="<script>alert(1)</script>")
    assert "&lt;script" not in injected.text
    assert "<script>alert" not in injected.text
