"""Groups made through the real API with the app's own operations
(schemas/graphql/operations/groups.graphql), and the people acting in them.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.factories.members import TestMember, onboarded_member, years_ago
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator
from tests.support.operations import app_operation

OPERATIONS = Path(__file__).resolve().parents[2] / "schemas" / "graphql" / "operations" / "groups.graphql"
_names = itertools.count(1)


def operation(name: str) -> str:
    """One named operation from the app's operations, with just the fragments it uses."""
    return app_operation(name)


def group_input(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": f"Thursday evening circle {next(_names)}",
        "description": "A small group for anyone finding things hard just now.",
        "kind": "GENERAL",
        "access": "CLOSED",
        "timezone": "Europe/London",
    }
    return values | overrides


async def mutate(gql: GraphQLClient, name: str, token: str | None, /, **input_: Any) -> dict[str, Any]:
    """Run the app's mutation `name` with `input_`; return its result object (or the whole body on errors)."""
    body = await gql(operation(name), {"input": input_}, token=token)
    if body.get("errors"):
        return body
    [result] = body["data"].values()
    assert isinstance(result, dict)
    return result


async def created_group(gql: GraphQLClient, lead: TestMember, **overrides: Any) -> str:
    result = await mutate(gql, "GroupCreate", lead.token, **group_input(**overrides))
    assert result["__typename"] == "GroupCreateSuccess", result
    group_id: str = result["group"]["id"]
    return group_id


async def invite_code(gql: GraphQLClient, leader: TestMember, group_id: str, **overrides: Any) -> str:
    result = await mutate(gql, "InviteCreate", leader.token, groupId=group_id, **overrides)
    assert result["__typename"] == "InviteCreateSuccess", result
    code: str = result["inviteCode"]
    return code


async def asked_to_join(
    gql: GraphQLClient, person: TestMember, leader: TestMember, group_id: str, *, message: str = ""
) -> dict[str, Any]:
    """Ask to join with a request link `leader` made for the group (a closed group's id is not enough)."""
    code = await invite_code(gql, leader, group_id, asksLeads=True)
    result = await mutate(gql, "JoinRequestCreate", person.token, inviteCode=code, message=message)
    assert result["__typename"] == "JoinRequestCreateSuccess", result
    request: dict[str, Any] = result["joinRequest"]
    return request


async def joined(
    gql: GraphQLClient, member: TestMember, *, group_id: str | None = None, code: str | None = None
) -> None:
    result = await mutate(gql, "GroupJoin", member.token, groupId=group_id, inviteCode=code)
    assert result["__typename"] == "GroupJoinSuccess", result


@dataclass(frozen=True)
class Cast:
    """People for authorisation matrices: a lead, a co-lead, two members, an outsider and staff."""

    lead: TestMember
    co_lead: TestMember
    member: TestMember
    peer: TestMember
    outsider: TestMember
    staff: TestMember
    requester: TestMember

    def token(self, role: str) -> str | None:
        return None if role == "anonymous" else getattr(self, role).token


async def new_cast(gql: GraphQLClient, auth_emulator: AuthEmulator) -> Cast:
    async def person(name: str, **extra: Any) -> TestMember:
        return await onboarded_member(
            gql, auth_emulator, displayName=name, dateOfBirth=years_ago(30).isoformat(), **extra
        )

    return Cast(
        lead=await person("Lead"),
        co_lead=await person("Co Lead"),
        member=await person("Member"),
        peer=await person("Peer"),
        outsider=await person("Outsider"),
        staff=await person("Staff", claims={"admin": True}),
        requester=await person("Requester"),
    )


async def populated_group(gql: GraphQLClient, cast: Cast, **overrides: Any) -> str:
    """A group led by `cast.lead` with `co_lead`, `member` and `peer` in it (closed unless told)."""
    group_id = await created_group(gql, cast.lead, **overrides)
    code = await invite_code(gql, cast.lead, group_id)
    for person in (cast.co_lead, cast.member, cast.peer):
        await joined(gql, person, code=code)
    result = await mutate(gql, "CoLeadPromote", cast.lead.token, groupId=group_id, memberId=cast.co_lead.id)
    assert result["__typename"] == "CoLeadPromoteSuccess", result
    return group_id
