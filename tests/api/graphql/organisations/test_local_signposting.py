"""A host's local services over the real API: after every national helpline in `supportResources`
and in a worrying share's signposting, for the group's area, the ones its leads attached first;
never another organisation's, never a removed one; an unhosted or unknown group gets the national
helplines alone. Leads attach and detach them; others are refused with nothing written.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import pytest

from infra.mongo.client import Database
from tests.factories.groups import mutate
from tests.factories.organisations import OrgStaff, hosted, listed_service, staffed_organisation
from tests.factories.shares import ShareCast, act, content_group, run
from tests.fixtures.app import GraphQLClient, RunningApi
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.changes import Changes

WORRYING = "I can't go on, I want to kill myself"


@dataclass(frozen=True)
class Scene:
    org: OrgStaff
    group_id: str
    services: dict[str, str]  # by name


async def _area(gql: GraphQLClient, cast: ShareCast, group_id: str) -> None:
    result = await mutate(
        gql, "GroupHomeAreaSet", cast.lead.token, groupId=group_id, nation="WALES", localAuthority="Cardiff",
        outwardCode="CF10",
    )  # fmt: skip
    assert result["__typename"] == "GroupHomeAreaSetSuccess", result


@pytest.fixture(scope="module")
async def scene(
    gql: GraphQLClient, auth_emulator: AuthEmulator, share_cast: ShareCast, db: Database, api: RunningApi
) -> Scene:
    """A group in Cardiff (CF10) hosted by Riverside, which lists services here, across its area,
    elsewhere and one removed; another organisation lists one in CF10 too.
    """
    org = await staffed_organisation(gql, auth_emulator, share_cast.admin, "Riverside Local Signposting")
    other = await staffed_organisation(gql, auth_emulator, share_cast.admin, "Hilltop Local Signposting")
    group_id = await content_group(gql, db, share_cast)
    await hosted(gql, share_cast.admin, group_id, org.id)
    await _area(gql, share_cast, group_id)
    services = {
        "Cardiff Carers": await listed_service(db, org.id, "Cardiff Carers", district="CF10"),
        "Riverside Helpline": await listed_service(db, org.id, "Riverside Helpline"),
        "Butetown Circle": await listed_service(db, org.id, "Butetown Circle", local_authority="cardiff "),
        "Swansea Drop-in": await listed_service(
            db, org.id, "Swansea Drop-in", district="SA1", local_authority="Swansea"
        ),
        "Closed Circle": await listed_service(db, org.id, "Closed Circle", district="CF10", removed=True),
        "Hilltop Circle": await listed_service(db, other.id, "Hilltop Circle", district="CF10"),
    }
    return Scene(org=org, group_id=group_id, services=services)


def _local(resources: list[dict[str, Any]]) -> list[str]:
    return [r["name"] for r in resources if r["local"]]


async def _resources(gql: GraphQLClient, **variables: Any) -> list[dict[str, Any]]:
    name = "SupportResourcesForGroup" if "groupId" in variables else "SupportResources"
    body = await run(gql, name, None, nation="WALES", language="EN", **variables)
    assert "errors" not in body, body
    found: list[dict[str, Any]] = body["data"]["supportResources"]
    return found


async def test_a_hosted_group_gets_every_national_helpline_first_then_its_hosts_services_for_its_area(
    gql: GraphQLClient, scene: Scene, share_cast: ShareCast, api: RunningApi
) -> None:
    attached = await act(
        gql, "GroupLocalServiceAttach", share_cast.lead.token, groupId=scene.group_id,
        serviceId=scene.services["Swansea Drop-in"],
    )  # fmt: skip
    assert attached["__typename"] == "GroupLocalServiceAttachSuccess", attached
    assert await api.runtime.refresh_local_services()

    national = await _resources(gql)
    with_group = await _resources(gql, groupId=scene.group_id)

    count = len(national)
    national_ids = [r["id"] for r in national]
    assert [r["id"] for r in with_group[:count]] == national_ids  # the same helplines, the same order, first
    assert all(not r["local"] for r in with_group[:count])
    # Attached first (even from outside the area), then the area's by name; never removed, never another's
    assert _local(with_group) == ["Swansea Drop-in", "Butetown Circle", "Cardiff Carers", "Riverside Helpline"]
    assert len(with_group) == count + 4
    cardiff = next(r for r in with_group if r["name"] == "Cardiff Carers")
    assert (cardiff["openNow"], cardiff["alwaysOpen"], cardiff["eligibility"]) == (False, False, "Adults")
    assert [c["kind"] for c in cardiff["contacts"]] == ["CALL", "WEB"]


async def test_an_unhosted_or_unknown_group_gets_the_national_helplines_alone(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, api: RunningApi
) -> None:
    unhosted = await content_group(gql, db, share_cast)
    assert await api.runtime.refresh_local_services()

    national = [r["id"] for r in await _resources(gql)]
    for_unhosted = await _resources(gql, groupId=unhosted)
    for_unknown = await _resources(gql, groupId=str(uuid.uuid4()))

    assert [r["id"] for r in for_unhosted] == [r["id"] for r in for_unknown] == national
    assert not any(r["local"] for r in [*for_unhosted, *for_unknown])


async def test_a_worrying_share_in_a_hosted_group_lists_local_services_after_every_helpline(
    gql: GraphQLClient, db: Database, scene: Scene, share_cast: ShareCast, api: RunningApi
) -> None:
    assert await api.runtime.refresh_local_services()
    unhosted = await content_group(gql, db, share_cast)

    hosted_answer = await act(gql, "ShareCreate", share_cast.author.token, groupId=scene.group_id, body=WORRYING)
    unhosted_answer = await act(gql, "ShareCreate", share_cast.author.token, groupId=unhosted, body=WORRYING)

    national = [r["id"] for r in unhosted_answer["signposting"]["resources"]]
    with_local = [r["id"] for r in hosted_answer["signposting"]["resources"]]
    local_ids = set(scene.services.values())
    assert "samaritans" in national
    assert not local_ids & set(national)
    assert with_local[: len(national)] == national
    assert set(with_local[len(national) :]) <= local_ids
    assert scene.services["Cardiff Carers"] in with_local
    assert scene.services["Hilltop Circle"] not in with_local  # another organisation's
    assert scene.services["Closed Circle"] not in with_local  # removed


async def test_leads_attach_and_detach_idempotently_and_members_see_what_is_attached(
    gql: GraphQLClient, db: Database, scene: Scene, share_cast: ShareCast, api: RunningApi
) -> None:
    service = scene.services["Riverside Helpline"]
    lead, co_lead, member = share_cast.lead.token, share_cast.co_lead.token, share_cast.member.token

    first = await act(gql, "GroupLocalServiceAttach", co_lead, groupId=scene.group_id, serviceId=service)
    again = await act(gql, "GroupLocalServiceAttach", lead, groupId=scene.group_id, serviceId=service)
    seen = await run(gql, "GroupLocalServices", member, id=scene.group_id)
    detached = await act(gql, "GroupLocalServiceDetach", lead, groupId=scene.group_id, serviceId=service)
    detached_again = await act(gql, "GroupLocalServiceDetach", lead, groupId=scene.group_id, serviceId=service)

    assert first["__typename"] == again["__typename"] == "GroupLocalServiceAttachSuccess"
    assert _names(first) == _names(again)
    assert _names(first)[-1] == "Riverside Helpline"
    assert _names(first).count("Riverside Helpline") == 1
    group = seen["data"]["group"]
    assert [s["name"] for s in group["localServices"]] == _names(first)
    assert group["hostLocalServices"] is None  # a member does not choose
    assert detached["__typename"] == detached_again["__typename"] == "GroupLocalServiceDetachSuccess"
    assert "Riverside Helpline" not in _names(detached)
    assert _names(detached) == _names(detached_again)
    lead_view = await run(gql, "GroupLocalServices", lead, id=scene.group_id)
    assert [s["name"] for s in lead_view["data"]["group"]["hostLocalServices"]] == [
        "Butetown Circle", "Cardiff Carers", "Riverside Helpline", "Swansea Drop-in",
    ]  # fmt: skip


async def test_a_service_the_feed_dropped_stays_attached_but_is_not_shown(
    gql: GraphQLClient, db: Database, auth_emulator: AuthEmulator, share_cast: ShareCast, api: RunningApi
) -> None:
    org = await staffed_organisation(gql, auth_emulator, share_cast.admin, "Dropped Local")
    group_id = await content_group(gql, db, share_cast)
    await hosted(gql, share_cast.admin, group_id, org.id)
    service = await listed_service(db, org.id, "Dropped Soon")
    kept = await listed_service(db, org.id, "Kept On")
    for chosen in (service, kept):
        result = await act(gql, "GroupLocalServiceAttach", share_cast.lead.token, groupId=group_id, serviceId=chosen)
        assert result["__typename"] == "GroupLocalServiceAttachSuccess", result

    # The next complete import no longer lists it
    await db["local_services"].update_one({"_id": service}, {"$set": {"removed": True}})
    assert await api.runtime.refresh_local_services()
    seen = await run(gql, "GroupLocalServices", share_cast.member.token, id=group_id)
    listed = await _resources(gql, groupId=group_id)

    assert [s["name"] for s in seen["data"]["group"]["localServices"]] == ["Kept On"]
    assert _local(listed) == ["Kept On"]
    stored = await db["groups"].find_one({"_id": group_id})
    assert stored is not None
    assert stored["local_service_ids"] == [service, kept]


async def test_another_organisations_or_a_removed_service_a_member_or_an_unhosted_group_are_refused(
    gql: GraphQLClient, db: Database, scene: Scene, share_cast: ShareCast, changes: Changes
) -> None:
    unhosted = await content_group(gql, db, share_cast)
    lead = share_cast.lead.token
    before = await changes.mark()

    others = await act(
        gql, "GroupLocalServiceAttach", lead, groupId=scene.group_id, serviceId=scene.services["Hilltop Circle"]
    )
    removed = await act(
        gql, "GroupLocalServiceAttach", lead, groupId=scene.group_id, serviceId=scene.services["Closed Circle"]
    )
    missing = await act(gql, "GroupLocalServiceAttach", lead, groupId=scene.group_id, serviceId=str(uuid.uuid4()))
    member = await act(
        gql, "GroupLocalServiceAttach", share_cast.member.token, groupId=scene.group_id,
        serviceId=scene.services["Cardiff Carers"],
    )  # fmt: skip
    not_hosted = await act(
        gql, "GroupLocalServiceAttach", lead, groupId=unhosted, serviceId=scene.services["Cardiff Carers"]
    )
    member_detach = await act(
        gql, "GroupLocalServiceDetach", share_cast.member.token, groupId=scene.group_id,
        serviceId=scene.services["Swansea Drop-in"],
    )  # fmt: skip

    assert [r["code"] for r in (others, removed, missing)] == ["LOCAL_SERVICE_NOT_FOUND"] * 3
    assert others["message"] == missing["message"]  # another's looks like none at all
    assert member["code"] == member_detach["code"] == "NOT_PERMITTED"
    assert not_hosted["code"] == "GROUP_NOT_HOSTED"
    assert await changes.since(before) == []


def _names(result: dict[str, Any]) -> list[str]:
    return [s["name"] for s in result["group"]["localServices"]]
