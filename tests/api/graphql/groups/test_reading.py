"""Reading groups: one group, my groups, discovery, join requests and a lead's overview."""

from __future__ import annotations

import uuid
from typing import Any

from api.graphql.schema import build_schema
from infra.settings import GraphQLSettings
from tests.factories.groups import (
    Cast,
    asked_to_join,
    created_group,
    invite_code,
    joined,
    mutate,
    operation,
    populated_group,
)
from tests.factories.members import onboarded_member, years_ago
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator


async def screen(gql: GraphQLClient, token: str | None, group_id: str, **variables: Any) -> dict[str, Any]:
    return await gql(operation("GroupScreen"), {"id": group_id, **variables}, token=token)


async def discover(gql: GraphQLClient, token: str, **variables: Any) -> dict[str, Any]:
    body = await gql(operation("GroupDiscovery"), variables, token=token)
    groups: dict[str, Any] = body["data"]["groups"]
    return groups


def test_members_see_each_other_by_display_name_and_role_only() -> None:
    schema = build_schema(GraphQLSettings(), production=False)._schema
    fields = set(schema.type_map["GroupMember"].fields)  # type: ignore[union-attr]
    assert fields == {"id", "displayName", "role", "joinedAt", "isAway", "joinsByText"}  # joinsByText: leads only


async def test_a_member_sees_the_group_and_who_is_in_it(gql: GraphQLClient, cast: Cast) -> None:
    group_id = await populated_group(gql, cast, signposting=[{"name": "Samaritans", "phone": "116 123"}])

    group = (await screen(gql, cast.member.token, group_id))["data"]["group"]

    assert (group["viewerRole"], group["memberCount"]) == ("MEMBER", 4)
    assert [(m["displayName"], m["role"], m["isAway"]) for m in group["members"]["nodes"]] == [
        ("Lead", "LEAD", False), ("Co Lead", "CO_LEAD", False), ("Member", "MEMBER", False), ("Peer", "MEMBER", False),
    ]  # fmt: skip
    assert group["signposting"] == [{"name": "Samaritans", "phone": "116 123", "url": None, "description": ""}]
    assert {m["joinsByText"] for m in group["members"]["nodes"]} == {None}  # how others take part is the leads' to know
    as_lead = (await screen(gql, cast.lead.token, group_id))["data"]["group"]
    assert {m["joinsByText"] for m in as_lead["members"]["nodes"]} == {False}


async def test_the_member_list_pages(gql: GraphQLClient, cast: Cast) -> None:
    group_id = await populated_group(gql, cast)

    first = (await screen(gql, cast.member.token, group_id, membersFirst=3))["data"]["group"]["members"]
    cursor = first["pageInfo"]["endCursor"]
    rest = (await screen(gql, cast.member.token, group_id, membersFirst=3, membersAfter=cursor))["data"]["group"]

    assert [m["displayName"] for m in first["nodes"]] == ["Lead", "Co Lead", "Member"]
    assert first["pageInfo"]["hasNextPage"] is True
    assert [m["displayName"] for m in rest["members"]["nodes"]] == ["Peer"]
    assert rest["members"]["pageInfo"]["hasNextPage"] is False


async def test_a_non_member_sees_only_the_public_fields_of_an_open_group(gql: GraphQLClient, cast: Cast) -> None:
    group_id = await populated_group(gql, cast, access="OPEN", signposting=[{"name": "Shout", "phone": "85258"}])

    group = (await screen(gql, cast.outsider.token, group_id))["data"]["group"]

    assert (group["viewerRole"], group["members"], group["signposting"]) == (None, None, None)
    assert (group["memberCount"], group["access"]) == (4, "OPEN")


async def test_a_closed_group_is_exactly_like_a_random_id_to_a_non_member(gql: GraphQLClient, cast: Cast) -> None:
    group_id = await populated_group(gql, cast)

    closed = await screen(gql, cast.outsider.token, group_id)
    missing = await screen(gql, cast.outsider.token, str(uuid.uuid4()))

    assert closed["errors"][0]["extensions"] == {"code": "NOT_FOUND"}
    assert closed == missing


async def test_my_groups_lists_each_with_its_size_and_my_role_newest_first(
    gql: GraphQLClient, auth_emulator: AuthEmulator, cast: Cast
) -> None:
    me = await onboarded_member(gql, auth_emulator)
    led = await created_group(gql, me, name="Mine")
    joined_open = await created_group(gql, cast.lead, access="OPEN", name="Open one")
    await joined(gql, me, group_id=joined_open)
    by_code = await created_group(gql, cast.lead, name="Closed one")
    await joined(gql, me, code=await invite_code(gql, cast.lead, by_code))

    first = (await gql(operation("MyGroups"), {"first": 2}, token=me.token))["data"]["myGroups"]
    rest = await gql(operation("MyGroups"), {"first": 2, "after": first["pageInfo"]["endCursor"]}, token=me.token)

    rows = [(g["id"], g["memberCount"], g["viewerRole"]) for g in first["nodes"] + rest["data"]["myGroups"]["nodes"]]
    assert rows == [(by_code, 2, "MEMBER"), (joined_open, 2, "MEMBER"), (led, 1, "LEAD")]
    assert (first["pageInfo"]["hasNextPage"], rest["data"]["myGroups"]["pageInfo"]["hasNextPage"]) == (True, False)


async def test_discovery_lists_open_groups_with_room_a_to_z(gql: GraphQLClient, cast: Cast) -> None:
    tag = uuid.uuid4().hex[:8]
    names = {key: f"{key} {tag}" for key in ("Cedar", "apple", "Birch", "Closed", "Archived", "Full", "Parents")}
    ids = {key: await created_group(gql, cast.lead, name=name, access="OPEN") for key, name in names.items()}
    await mutate(gql, "GroupUpdate", cast.lead.token, groupId=ids["Closed"], access="CLOSED")
    await mutate(gql, "GroupArchive", cast.lead.token, groupId=ids["Archived"])
    await mutate(gql, "GroupUpdate", cast.lead.token, groupId=ids["Full"], capacity=2)
    await joined(gql, cast.member, group_id=ids["Full"])
    await mutate(gql, "GroupUpdate", cast.lead.token, groupId=ids["Parents"], kind="PARENTS")

    first = await discover(gql, cast.outsider.token, filter={"text": tag.upper()}, first=2)
    rest = await discover(gql, cast.outsider.token, filter={"text": tag}, first=2, after=first["pageInfo"]["endCursor"])
    parents = await discover(gql, cast.outsider.token, filter={"text": tag, "kind": "PARENTS"})

    assert [g["name"] for g in first["nodes"] + rest["nodes"]] == [
        names[k] for k in ("apple", "Birch", "Cedar", "Parents")
    ]
    assert [g["name"] for g in parents["nodes"]] == [names["Parents"]]
    assert rest["pageInfo"]["hasNextPage"] is False


async def test_discovery_text_is_matched_literally(gql: GraphQLClient, cast: Cast) -> None:
    tag = uuid.uuid4().hex[:8]
    await created_group(gql, cast.lead, name=f"Dads (Cardiff) {tag}", access="OPEN")
    found = await discover(gql, cast.outsider.token, filter={"text": f"(cardiff) {tag}"})
    nothing = await discover(gql, cast.outsider.token, filter={"text": f".* {tag}"})
    assert ([g["name"] for g in found["nodes"]], nothing["nodes"]) == ([f"Dads (Cardiff) {tag}"], [])


async def test_discovery_never_shows_a_group_the_viewers_age_keeps_them_out_of(
    gql: GraphQLClient, auth_emulator: AuthEmulator, cast: Cast
) -> None:
    tag = uuid.uuid4().hex[:8]
    youth_lead = await onboarded_member(gql, auth_emulator, dateOfBirth=years_ago(21).isoformat())
    youth = await created_group(
        gql, cast.staff, name=f"Youth {tag}", access="OPEN", youth=True, leadMemberId=youth_lead.id
    )
    adult = await created_group(gql, cast.lead, name=f"Adult {tag}", access="OPEN")
    seen = {}
    for age in (16, 17, 18, 24, 25, 60):
        viewer = await onboarded_member(gql, auth_emulator, dateOfBirth=years_ago(age).isoformat())
        seen[age] = [g["id"] for g in (await discover(gql, viewer.token, filter={"text": tag}))["nodes"]]

    assert seen == {16: [youth], 17: [youth], 18: [adult, youth], 24: [adult, youth], 25: [adult], 60: [adult]}


async def test_a_lead_sees_what_waits_across_their_groups(
    gql: GraphQLClient, auth_emulator: AuthEmulator, cast: Cast
) -> None:
    lead = await onboarded_member(gql, auth_emulator, displayName="Busy Lead")
    first_group = await created_group(gql, lead, name="First")
    second_group = await created_group(gql, lead, name="Second")
    archived_group = await created_group(gql, lead, name="Archived")
    for group_id, people in (
        (first_group, [cast.member, cast.peer]),
        (second_group, [cast.outsider]),
        (archived_group, [cast.requester]),
    ):
        for person in people:
            await asked_to_join(gql, person, lead, group_id)
    await mutate(gql, "GroupArchive", lead.token, groupId=archived_group)

    body = await gql(operation("MyLeadership"), {}, token=lead.token)

    leadership = body["data"]["myLeadership"]
    assert leadership["pendingJoinRequestCount"] == 3
    rows = [(n["group"]["id"], n["role"], n["pendingJoinRequestCount"]) for n in leadership["groups"]["nodes"]]
    assert rows == [(archived_group, "LEAD", 0), (second_group, "LEAD", 1), (first_group, "LEAD", 2)]
    member_view = await gql(operation("MyLeadership"), {}, token=cast.requester.token)
    assert member_view["data"]["myLeadership"]["groups"]["nodes"] == []


async def test_a_lead_s_total_covers_the_groups_beyond_the_page(
    gql: GraphQLClient, auth_emulator: AuthEmulator, cast: Cast
) -> None:
    lead = await onboarded_member(gql, auth_emulator)
    older, newer = await created_group(gql, lead, name="Older"), await created_group(gql, lead, name="Newer")
    await asked_to_join(gql, cast.member, lead, older)
    await asked_to_join(gql, cast.peer, lead, newer)

    first = (await gql(operation("MyLeadership"), {"first": 1}, token=lead.token))["data"]["myLeadership"]
    cursor = first["groups"]["pageInfo"]["endCursor"]
    rest = (await gql(operation("MyLeadership"), {"after": cursor}, token=lead.token))["data"]["myLeadership"]

    assert [n["group"]["id"] for n in first["groups"]["nodes"] + rest["groups"]["nodes"]] == [newer, older]
    assert first["pendingJoinRequestCount"] == rest["pendingJoinRequestCount"] == 2


async def test_join_requests_page_oldest_first(gql: GraphQLClient, cast: Cast) -> None:
    group_id = await created_group(gql, cast.lead)
    for person in (cast.member, cast.peer, cast.outsider):
        await asked_to_join(gql, person, cast.lead, group_id)

    first = (await gql(operation("JoinRequests"), {"groupId": group_id, "first": 2}, token=cast.lead.token))["data"]
    cursor = first["joinRequests"]["pageInfo"]["endCursor"]
    rest = (await gql(operation("JoinRequests"), {"groupId": group_id, "after": cursor}, token=cast.lead.token))["data"]

    names = [r["requesterName"] for r in first["joinRequests"]["nodes"] + rest["joinRequests"]["nodes"]]
    assert names == ["Member", "Peer", "Outsider"]
