"""Invariants under concurrency (issue 13, item 7), through TWO API processes (uvicorn
subprocesses on the same database), on the indexed, atomic engine: a group's capacity, one
new lead per handover, the last-lead guard, and one approval per break-glass request (the
two-person rule, with organisation and platform officers) hold however the requests interleave.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from infra.local.services import REPO, free_port
from infra.mongo.client import Database
from infra.settings import Settings
from tests.factories.groups import created_group, invite_code, joined, mutate
from tests.factories.members import TestMember as Person
from tests.factories.members import onboarded_member
from tests.factories.organisations import created_organisation, granted, hosted
from tests.factories.sessions import planned
from tests.factories.shares import act, backdate_memberships, shared
from tests.fixtures.app import GraphQLClient, environ_for
from tests.fixtures.auth import AuthEmulator
from tests.workers.notifications.support import eventually

pytestmark = pytest.mark.engine_contract  # atomic conditional updates: what FerretDB 1.24 lacks

UNLIMITED = {f"RATE_LIMIT_{name}": "1000000" for name in (
    "MEMBER_BURST", "MEMBER_PER_MINUTE", "IP_BURST", "IP_PER_MINUTE", "SENSITIVE_BURST", "SENSITIVE_PER_MINUTE",
    "GUESSABLE_BURST", "GUESSABLE_PER_MINUTE",
)}  # fmt: skip


@pytest.fixture(scope="module")
def api_processes(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[str]]:
    """Two API processes on this module's database: what two replicas behind a load balancer are."""
    logs = tmp_path_factory.mktemp("apis")
    env = os.environ | environ_for(settings) | UNLIMITED
    processes, urls = [], []
    for index in range(2):
        port = free_port()
        command = [sys.executable, "-m", "uvicorn", "api.main:create_app_from_env", "--factory"]
        command += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
        with (logs / f"api-{index}.log").open("wb") as log:
            processes.append(subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT))  # noqa: S603
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url in urls:
            asyncio.run(_until_up(url, logs))
        yield urls
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


async def _until_up(url: str, logs: Path) -> None:
    async def up() -> bool:
        try:
            async with httpx.AsyncClient() as client:
                return (await client.get(f"{url}/healthz")).status_code == 200
        except httpx.HTTPError:
            return False

    await eventually(up, within=60, logs=logs)


@pytest.fixture
async def apis(api_processes: list[str]) -> AsyncIterator[list[GraphQLClient]]:
    clients = [httpx.AsyncClient(base_url=url, timeout=30) for url in api_processes]
    yield [GraphQLClient(client) for client in clients]
    for client in clients:
        await client.aclose()


async def _people(gql: GraphQLClient, auth_emulator: AuthEmulator, count: int) -> list[Person]:
    return list(await asyncio.gather(*(onboarded_member(gql, auth_emulator) for _ in range(count))))


async def _state(db: Database, group_id: str) -> tuple[dict[str, Any], dict[str, str]]:
    group = await db.groups.find_one({"_id": group_id})
    assert group is not None
    memberships = await db.memberships.find({"group_id": group_id, "status": "active"}).to_list(None)
    return group, {m["member_id"]: m["role"] for m in memberships}


async def test_twenty_joins_at_once_for_three_places_admit_exactly_three(
    apis: list[GraphQLClient], gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database
) -> None:
    lead, member, *joiners = await _people(gql, auth_emulator, 22)
    group_id = await created_group(gql, lead, access="OPEN", capacity=5)
    await joined(gql, member, group_id=group_id)

    results = await asyncio.gather(*(
        mutate(apis[n % 2], "GroupJoin", person.token, groupId=group_id) for n, person in enumerate(joiners)
    ))  # fmt: skip

    outcomes = sorted(r["__typename"] if r["__typename"].endswith("Success") else r["code"] for r in results)
    assert outcomes == ["GROUP_FULL"] * 17 + ["GroupJoinSuccess"] * 3
    group, roles = await _state(db, group_id)
    assert (len(roles), group["member_count"], group["free_slots"]) == (5, 5, 0)


@pytest.mark.parametrize("attempt", range(6))
async def test_handing_the_lead_to_someone_as_they_leave_leaves_exactly_one_lead(
    apis: list[GraphQLClient], gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database, attempt: int
) -> None:
    lead, successor = await _people(gql, auth_emulator, 2)
    group_id = await _group_with(gql, lead, [successor])

    await asyncio.gather(
        mutate(apis[attempt % 2], "LeadershipTransfer", lead.token, groupId=group_id, memberId=successor.id),
        mutate(apis[(attempt + 1) % 2], "GroupLeave", successor.token, groupId=group_id),
    )

    group, roles = await _state(db, group_id)
    assert list(roles.values()).count("lead") == group["lead_count"] == 1, roles
    assert roles[lead.id] in {"lead", "co_lead"}


@pytest.mark.parametrize("attempt", range(6))
async def test_two_handovers_at_once_make_one_new_lead(
    apis: list[GraphQLClient], gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database, attempt: int
) -> None:
    lead, first, second = await _people(gql, auth_emulator, 3)
    group_id = await _group_with(gql, lead, [first, second])

    results = await asyncio.gather(*(
        mutate(apis[(attempt + n) % 2], "LeadershipTransfer", lead.token, groupId=group_id, memberId=person.id)
        for n, person in enumerate((first, second))
    ))  # fmt: skip

    group, roles = await _state(db, group_id)
    assert [r.get("__typename") for r in results].count("LeadershipTransferSuccess") == 1, results
    assert list(roles.values()).count("lead") == group["lead_count"] == 1, roles
    assert roles[lead.id] == "co_lead"


async def _group_with(gql: GraphQLClient, lead: Person, people: list[Person]) -> str:
    group_id = await created_group(gql, lead)
    code = await invite_code(gql, lead, group_id)
    for person in people:
        await joined(gql, person, code=code)
    return group_id


async def _session_for(gql: GraphQLClient, lead: Person, members: list[Person], *, capacity: int) -> tuple[str, str]:
    group_id = await created_group(gql, lead)
    code = await invite_code(gql, lead, group_id, maxUses=len(members))
    for person in members:
        await joined(gql, person, code=code)
    day = datetime.now(UTC).date() + timedelta(days=30)
    [session] = await planned(gql, lead, group_id, day, mode="ONLINE", joiningLink="https://meet.example.org/x",
                              capacity=capacity)  # fmt: skip
    return group_id, session["id"]


async def _answers(db: Database, session_id: str) -> tuple[dict[str, Any], dict[str, str]]:
    session = await db.sessions.find_one({"_id": session_id})
    assert session is not None
    rsvps = await db.rsvps.find({"session_id": session_id}).to_list(None)
    return session, {r["member_id"]: r["answer"] for r in rsvps}


async def test_twelve_going_at_once_for_three_places_give_three_places_and_a_line_of_nine(
    apis: list[GraphQLClient], gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database
) -> None:
    lead, *members = await _people(gql, auth_emulator, 13)
    _, session_id = await _session_for(gql, lead, members, capacity=3)

    await asyncio.gather(*(
        mutate(apis[n % 2], "SessionAnswer", person.token, sessionId=session_id, answer="GOING")
        for n, person in enumerate(members)
    ))  # fmt: skip

    session, answers = await _answers(db, session_id)
    assert sorted(answers.values()) == ["going"] * 3 + ["waiting"] * 9
    assert (session["going_count"], session["free_places"]) == (3, 0)
    waiting = await db.rsvps.find({"session_id": session_id, "answer": "waiting"}).to_list(None)
    assert len({r["wait_position"] for r in waiting}) == 9  # a line, in order

    # Everyone going drops out at once: the first three in line move up, in order.
    going = [person for person in members if answers[person.id] == "going"]
    await asyncio.gather(*(
        mutate(apis[n % 2], "SessionAnswer", p.token, sessionId=session_id, answer="NOT_GOING")
        for n, p in enumerate(going)
    ))  # fmt: skip

    session, answers = await _answers(db, session_id)
    first_three = {r["member_id"] for r in sorted(waiting, key=lambda r: r["wait_position"])[:3]}
    assert {member for member, answer in answers.items() if answer == "going"} == first_three
    assert (session["going_count"], session["free_places"]) == (3, 0)


@pytest.mark.parametrize("attempt", range(4))
async def test_one_member_answering_going_twice_at_once_holds_one_place(
    apis: list[GraphQLClient], gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database, attempt: int
) -> None:
    lead, member, other = await _people(gql, auth_emulator, 3)
    _, session_id = await _session_for(gql, lead, [member, other], capacity=2)

    await asyncio.gather(*(
        mutate(apis[(attempt + n) % 2], "SessionAnswer", member.token, sessionId=session_id, answer="GOING")
        for n in range(2)
    ))  # fmt: skip
    await mutate(gql, "SessionAnswer", other.token, sessionId=session_id, answer="GOING")

    session, answers = await _answers(db, session_id)
    assert answers == {member.id: "going", other.id: "going"}
    assert (session["going_count"], session["free_places"]) == (2, 0)


@dataclass(frozen=True)
class BreakGlass:
    """An anonymous share in a group an organisation hosts; two of its officers and one of the platform's."""

    share_id: str
    asker: Person
    officer: Person  # the host organisation's other safeguarding officer
    platform: Person


@pytest.fixture(scope="module")
async def break_glass(gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database) -> BreakGlass:
    admin = await onboarded_member(gql, auth_emulator, claims={"admin": True})
    platform = await onboarded_member(gql, auth_emulator, claims={"safeguarding": True})
    lead, author, org_admin, asker, officer, *others = await _people(gql, auth_emulator, 8)
    group_id = await _group_with(gql, lead, [author, *others])
    await backdate_memberships(db, group_id)  # anonymous sharing needs five members of a week's standing
    share = await shared(gql, author, group_id)
    organisation_id = await created_organisation(gql, admin, org_admin)
    for person in (asker, officer):
        await granted(gql, org_admin, organisation_id, person, "ORG_SAFEGUARDING")
    await hosted(gql, admin, group_id, organisation_id)
    return BreakGlass(share_id=share["id"], asker=asker, officer=officer, platform=platform)


@pytest.mark.parametrize("attempt", range(4))
async def test_officers_approving_one_break_glass_request_at_once_approve_it_once(
    apis: list[GraphQLClient], gql: GraphQLClient, db: Database, break_glass: BreakGlass, attempt: int
) -> None:
    scene = break_glass
    asked = await act(
        gql, "AuthorRevealRequest", scene.asker.token, targetKind="SHARE", targetId=scene.share_id,
        reason="RISK_TO_LIFE", justification="A plan and a time were named.",
    )  # fmt: skip
    request_id = asked["request"]["id"]
    # The organisation's other officer and the platform's, on two API processes, and the asker too.
    approvers = (scene.officer, scene.platform, scene.asker)

    results = await asyncio.gather(*(
        act(apis[(attempt + n) % 2], "AuthorRevealApprove", person.token, requestId=request_id)
        for n, person in enumerate(approvers)
    ))  # fmt: skip

    outcomes = [r["__typename"] if r["__typename"].endswith("Success") else r["code"] for r in results]
    assert sorted(outcomes[:2]) == ["ALREADY_APPROVED", "AuthorRevealApproveSuccess"], results
    assert outcomes[2] == "SELF_APPROVAL"
    winner = approvers[outcomes.index("AuthorRevealApproveSuccess")]
    steps = await db.author_reveal_audit.find({"request_id": request_id, "step": "approved"}).to_list(None)
    assert [step["staff_member_id"] for step in steps] == [winner.id]
    request = await db.author_reveal_requests.find_one({"_id": request_id})
    assert request is not None
    assert (request["status"], request["approved_by"]) == ("approved", winner.id)
