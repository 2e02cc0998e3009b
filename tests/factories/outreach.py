"""Conversations made through the real API with the app's own operations
(schemas/graphql/operations/outreach.graphql), and the people in them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from tests.factories.groups import created_group, invite_code, joined, mutate
from tests.factories.members import TestMember, onboarded_member, years_ago
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator
from tests.support.operations import app_operation


@dataclass(frozen=True)
class OutreachCast:
    """A lead and co-lead, Sam (a member who speaks Welsh), a peer, an outsider, a 17-year-old, an admin
    (who makes youth groups) and two safeguarding staff.
    """

    lead: TestMember
    co_lead: TestMember
    sam: TestMember
    peer: TestMember
    outsider: TestMember
    young: TestMember
    admin: TestMember
    staff: TestMember
    staff_two: TestMember

    def token(self, role: str) -> str | None:
        return None if role == "anonymous" else getattr(self, role).token


async def new_outreach_cast(gql: GraphQLClient, auth_emulator: AuthEmulator) -> OutreachCast:
    async def person(name: str, *, age: int = 30, language: str = "EN", **extra: Any) -> TestMember:
        born = years_ago(age).isoformat()
        return await onboarded_member(
            gql, auth_emulator, displayName=name, dateOfBirth=born, language=language, **extra
        )

    return OutreachCast(
        lead=await person("Lee"), co_lead=await person("Cari"), sam=await person("Sam", language="CY"),
        peer=await person("Pat"), outsider=await person("Olu"), young=await person("Jo", age=17),
        admin=await person("Admin", claims={"admin": True}),
        staff=await person("Staff", claims={"safeguarding": True}),
        staff_two=await person("Staff Two", claims={"safeguarding": True}),
    )  # fmt: skip


async def led_group(gql: GraphQLClient, cast: OutreachCast, **overrides: Any) -> str:
    """A closed group led by Lee, Cari its co-lead, with Sam and Pat in it."""
    group_id = await created_group(gql, cast.lead, **overrides)
    code = await invite_code(gql, cast.lead, group_id)
    for person in (cast.co_lead, cast.sam, cast.peer):
        await joined(gql, person, code=code)
    result = await mutate(gql, "CoLeadPromote", cast.lead.token, groupId=group_id, memberId=cast.co_lead.id)
    assert result["__typename"] == "CoLeadPromoteSuccess", result
    return group_id


async def youth_group(gql: GraphQLClient, cast: OutreachCast) -> str:
    """A youth group (made by staff) led by Lee, with Jo, who is 17, in it."""
    result = await mutate(
        gql, "GroupCreate", cast.admin.token, name="Young carers together", description="For young carers.",
        kind="YOUNG_CARERS", access="CLOSED", timezone="Europe/London", youth=True, leadMemberId=cast.lead.id,
    )  # fmt: skip
    assert result["__typename"] == "GroupCreateSuccess", result
    group_id: str = result["group"]["id"]
    await joined(gql, cast.young, code=await invite_code(gql, cast.lead, group_id))
    return group_id


def key() -> str:
    return str(uuid.uuid4())


async def act(gql: GraphQLClient, name: str, who: TestMember | None, /, **input_: Any) -> dict[str, Any]:
    """Run the app's mutation `name`; its result object (or the whole body on top-level errors)."""
    return await mutate(gql, name, who.token if who else None, **input_)


async def started(
    gql: GraphQLClient, who: TestMember, group_id: str, *, member: TestMember | None = None, **input_: Any
) -> dict[str, Any]:
    """A thread started (or added to) by `who`: with `member` (a lead), or with the leads (a member)."""
    extra = {"memberId": member.id} if member else {}
    if "body" not in input_ and "opener" not in input_:
        input_["body"] = "Hello, how are you doing?"
    result = await act(gql, "ThreadStart", who, groupId=group_id, clientKey=key(), **extra, **input_)
    assert result["__typename"] == "ThreadStartSuccess", result
    return result


async def said(gql: GraphQLClient, who: TestMember, thread_id: str, body: str, **input_: Any) -> dict[str, Any]:
    result = await act(gql, "MessageSend", who, threadId=thread_id, body=body, clientKey=key(), **input_)
    assert result["__typename"] == "MessageSendSuccess", result
    return result


async def screen(gql: GraphQLClient, who: TestMember | None, thread_id: str, **variables: Any) -> dict[str, Any]:
    """The ThreadScreen query's whole body."""
    token = who.token if who else None
    return await gql(app_operation("ThreadScreen"), {"id": thread_id, **variables}, token=token)


async def thread(gql: GraphQLClient, who: TestMember, thread_id: str) -> dict[str, Any]:
    body = await screen(gql, who, thread_id)
    assert "errors" not in body, body
    found: dict[str, Any] = body["data"]["thread"]
    return found
