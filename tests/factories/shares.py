"""Groups where anonymous posting is possible, and shares, responses and reactions made
through the real API with the app's own operations (schemas/graphql/operations/shares.graphql).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from infra.mongo.client import Database
from tests.factories.groups import created_group, invite_code, joined, mutate
from tests.factories.members import TestMember, onboarded_member, years_ago
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator
from tests.support.operations import app_operation

ESTABLISHED = timedelta(days=8)


@dataclass(frozen=True)
class ShareCast:
    """People for the content tests: the group's lead and co-lead, an author, two more members,
    an outsider, safeguarding staff, a second safeguarding staff member, and an admin.
    """

    lead: TestMember
    co_lead: TestMember
    author: TestMember
    member: TestMember
    peer: TestMember
    outsider: TestMember
    staff: TestMember
    staff_two: TestMember
    admin: TestMember

    def token(self, role: str) -> str | None:
        return None if role == "anonymous" else getattr(self, role).token


# The content matrices' callers, in their columns' order (tests/security/matrix.py).
SHARE_ROLES = ("anonymous", "outsider", "member", "author", "co_lead", "lead", "staff")


async def new_share_cast(gql: GraphQLClient, auth_emulator: AuthEmulator) -> ShareCast:
    async def person(name: str, **extra: Any) -> TestMember:
        return await onboarded_member(
            gql, auth_emulator, displayName=name, dateOfBirth=years_ago(30).isoformat(), language="EN", **extra
        )

    return ShareCast(
        lead=await person("Lead"),
        co_lead=await person("Co Lead"),
        author=await person("Author"),
        member=await person("Member"),
        peer=await person("Peer"),
        outsider=await person("Outsider"),
        staff=await person("Staff", claims={"safeguarding": True}),
        staff_two=await person("Staff Two", claims={"safeguarding": True}),
        admin=await person("Admin", claims={"admin": True}),
    )


async def backdate_memberships(db: Database, group_id: str, *, by: timedelta = ESTABLISHED) -> None:
    """Make everyone now in the group a member of more than a week's standing (ANON-5)."""
    joined_at = datetime.now(UTC) - by
    await db.memberships.update_many({"group_id": group_id}, {"$set": {"joined_at": joined_at}})


async def content_group(
    gql: GraphQLClient, db: Database, cast: ShareCast, *, established: bool = True, **overrides: Any
) -> str:
    """A group led by `cast.lead` with the co-lead, the author, the member and the peer in it:
    five people, who joined over a week ago unless `established` is False.
    """
    group_id = await created_group(gql, cast.lead, **overrides)
    code = await invite_code(gql, cast.lead, group_id)
    for person in (cast.co_lead, cast.author, cast.member, cast.peer):
        await joined(gql, person, code=code)
    result = await mutate(gql, "CoLeadPromote", cast.lead.token, groupId=group_id, memberId=cast.co_lead.id)
    assert result["__typename"] == "CoLeadPromoteSuccess", result
    if established:
        await backdate_memberships(db, group_id)
    return group_id


async def run(gql: GraphQLClient, name: str, token: str | None, /, **variables: Any) -> dict[str, Any]:
    """Run the app's operation `name`; the whole body."""
    return await gql(app_operation(name), variables, token=token)


async def act(gql: GraphQLClient, name: str, token: str | None, /, **input_: Any) -> dict[str, Any]:
    """Run the app's mutation `name` with `input_`; its result object, or the whole body on errors."""
    body = await run(gql, name, token, input=input_)
    if body.get("errors"):
        return body
    [result] = body["data"].values()
    assert isinstance(result, dict)
    return result


async def shared(
    gql: GraphQLClient, author: TestMember, group_id: str, body: str = "A hard day today.", *, anonymous: bool = True
) -> dict[str, Any]:
    result = await act(gql, "ShareCreate", author.token, groupId=group_id, body=body, anonymous=anonymous)
    assert result["__typename"] == "ShareCreateSuccess", result
    share: dict[str, Any] = result["share"]
    return share


async def responded(
    gql: GraphQLClient, author: TestMember, share_id: str, body: str = "Thinking of you.", *, anonymous: bool = True
) -> dict[str, Any]:
    result = await act(gql, "ResponseCreate", author.token, shareId=share_id, body=body, anonymous=anonymous)
    assert result["__typename"] == "ResponseCreateSuccess", result
    response: dict[str, Any] = result["response"]
    return response


async def feed(gql: GraphQLClient, member: TestMember, group_id: str, **variables: Any) -> dict[str, Any]:
    body = await run(gql, "GroupFeed", member.token, groupId=group_id, **variables)
    assert "errors" not in body, body
    page: dict[str, Any] = body["data"]["groupFeed"]
    return page


@dataclass(frozen=True)
class YoungPeople:
    """A youth group's people: a lead of 22, and four members aged 17 to 21 (the first is the author)."""

    lead: TestMember
    author: TestMember
    members: tuple[TestMember, ...]


async def new_young_people(gql: GraphQLClient, auth_emulator: AuthEmulator) -> YoungPeople:
    async def person(name: str, age: int) -> TestMember:
        return await onboarded_member(
            gql, auth_emulator, displayName=name, dateOfBirth=years_ago(age).isoformat(), language="EN"
        )

    members = [await person(f"Young {n}", age) for n, age in enumerate((17, 19, 20, 21))]
    return YoungPeople(lead=await person("Young Lead", 22), author=members[0], members=tuple(members))


async def youth_content_group(gql: GraphQLClient, db: Database, cast: ShareCast, young: YoungPeople) -> str:
    """A youth group (made by staff) of five young people who joined over a week ago."""
    group_id = await created_group(gql, cast.admin, youth=True, leadMemberId=young.lead.id)
    code = await invite_code(gql, young.lead, group_id)
    for person in young.members:
        await joined(gql, person, code=code)
    await backdate_memberships(db, group_id)
    return group_id
