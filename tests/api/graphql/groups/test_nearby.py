"""Finding a group near you: open groups meeting in person in the nation searched, nearest the
area's centre first, then online groups; areas that are not one are refused with a reason; and
the fallback for engines without geo queries reads only that nation's groups, through an index.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from api.graphql.schema import Schema
from api.main import create_app
from infra.local.services import mongo_engine
from infra.mongo.client import Database
from infra.settings import Settings
from tests.factories.groups import Cast, created_group, mutate, operation
from tests.fixtures.app import CommandCounter, GraphQLClient, in_process

# Each group's home area: (nation, council area, outward code or None).
AREAS: dict[str, tuple[str, str, str | None]] = {
    "Cardiff Bay": ("WALES", "Cardiff", "CF10"),
    "Newport": ("WALES", "Newport", None),  # placed by its council area alone
    "Swansea": ("WALES", "Swansea", "SA1"),
    "Wrexham": ("WALES", "Wrexham", "LL11"),
    "Bristol": ("ENGLAND", "Bristol, City of", "BS1"),  # another nation: never in a search of Wales
}
ONLINE = ("Online circle A", "Online circle B")
GEO_NEAR = mongo_engine() != "ferretdb"  # FerretDB 1.24 has no geo queries: every search takes the fallback


@pytest.fixture(scope="module")
async def groups(gql: GraphQLClient, cast: Cast) -> dict[str, str]:
    """Open groups by name: five with a home area, two meeting online, and a closed one in Cardiff."""
    made: dict[str, str] = {}
    for name, (nation, authority, outward) in AREAS.items():
        made[name] = await created_group(gql, cast.lead, name=name, access="OPEN")
        area = await mutate(gql, "GroupHomeAreaSet", cast.lead.token, groupId=made[name], nation=nation,
                            localAuthority=authority, outwardCode=outward)  # fmt: skip
        assert area["__typename"] == "GroupHomeAreaSetSuccess", area
    for name in ONLINE:
        made[name] = await created_group(gql, cast.lead, name=name, access="OPEN")
    closed = await created_group(gql, cast.lead, name="Cardiff closed", access="CLOSED")
    await mutate(gql, "GroupHomeAreaSet", cast.lead.token, groupId=closed, nation="WALES", localAuthority="Cardiff",
                 outwardCode="CF10")  # fmt: skip
    return made


async def nearby(gql: GraphQLClient, token: str, near: dict[str, Any], **variables: Any) -> dict[str, Any]:
    return await gql(operation("GroupsNearby"), {"near": near, **variables}, token=token)


def names(body: dict[str, Any]) -> list[str]:
    return [node["name"] for node in body["data"]["groups"]["nodes"]]


async def test_a_postcode_district_finds_the_nearest_groups_of_its_nation_then_online_ones(
    gql: GraphQLClient, cast: Cast, groups: dict[str, str], command_counter: CommandCounter
) -> None:
    with command_counter.recording() as sent:
        body = await nearby(gql, cast.outsider.token, {"nation": "WALES", "outwardCode": "cf10"})

    assert names(body) == ["Cardiff Bay", "Newport", "Swansea", "Wrexham", *ONLINE]
    if GEO_NEAR:  # the default engine's path: one $geoNear within the nation
        [geo] = [c["pipeline"][0]["$geoNear"] for c in sent if c.get("aggregate") == "groups"]
        assert (geo["key"], geo["query"]["home_area.nation"]) == ("location", "wales")


async def test_a_council_area_finds_the_nearest_groups_from_its_centre(
    gql: GraphQLClient, cast: Cast, groups: dict[str, str]
) -> None:
    swansea = await nearby(gql, cast.outsider.token, {"nation": "WALES", "localAuthority": "swansea"})
    wrexham = await nearby(gql, cast.outsider.token, {"nation": "WALES", "localAuthority": "W06000006"})
    bristol = await nearby(gql, cast.outsider.token, {"nation": "ENGLAND", "localAuthority": "City of Bristol"})

    assert names(swansea) == ["Swansea", "Cardiff Bay", "Newport", "Wrexham", *ONLINE]
    assert names(wrexham) == ["Wrexham", "Newport", "Swansea", "Cardiff Bay", *ONLINE]
    assert names(bristol) == ["Bristol", *ONLINE]


async def test_pages_go_on_by_distance_then_into_the_online_groups(
    gql: GraphQLClient, cast: Cast, groups: dict[str, str]
) -> None:
    near = {"nation": "WALES", "outwardCode": "SA1"}
    seen: list[str] = []
    after = None
    for _ in range(4):
        body = await nearby(gql, cast.outsider.token, near, first=2, after=after)
        seen += names(body)
        info = body["data"]["groups"]["pageInfo"]
        if not info["hasNextPage"]:
            break
        after = info["endCursor"]

    assert seen == ["Swansea", "Cardiff Bay", "Newport", "Wrexham", *ONLINE]
    assert info["hasNextPage"] is False


async def test_the_filter_narrows_a_search_near_an_area(gql: GraphQLClient, cast: Cast, groups: dict[str, str]) -> None:
    body = await nearby(
        gql, cast.outsider.token, {"nation": "WALES", "outwardCode": "CF10"}, filter={"text": "circle a"}
    )

    assert names(body) == ["Online circle A"]


@pytest.mark.parametrize(
    ("near", "reason"),
    [
        ({"nation": "WALES", "outwardCode": "CF10 1AA"}, "POSTCODE_TOO_PRECISE"),  # a person's address: never
        ({"nation": "WALES", "outwardCode": "ZZ99"}, "UNKNOWN_AREA"),
        ({"nation": "SCOTLAND", "outwardCode": "CF10"}, "UNKNOWN_AREA"),  # not in that nation
        ({"nation": "NORTHERN_IRELAND", "outwardCode": "BT1"}, "UNKNOWN_AREA"),  # Code-Point Open is GB only
        ({"nation": "WALES", "localAuthority": "Atlantis"}, "UNKNOWN_AREA"),
        ({"nation": "WALES", "outwardCode": "cardiff"}, "OUTWARD_CODE_INVALID"),
        ({"nation": "WALES", "outwardCode": "CF10", "localAuthority": "Cardiff"}, "AREA_REQUIRED"),
        ({"nation": "WALES"}, "AREA_REQUIRED"),
    ],
)
async def test_an_area_that_is_not_one_is_refused_with_its_reason(
    gql: GraphQLClient, cast: Cast, groups: dict[str, str], near: dict[str, str], reason: str
) -> None:
    body = await nearby(gql, cast.outsider.token, near)

    assert body["data"] is None
    [error] = body["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "reason": reason, "field": "near"}


async def test_northern_ireland_is_found_by_council_area(gql: GraphQLClient, cast: Cast) -> None:
    belfast = await created_group(gql, cast.lead, name="Belfast", access="OPEN")
    await mutate(gql, "GroupHomeAreaSet", cast.lead.token, groupId=belfast, nation="NORTHERN_IRELAND",
                 localAuthority="Belfast", outwardCode="BT1")  # fmt: skip

    body = await nearby(gql, cast.outsider.token, {"nation": "NORTHERN_IRELAND", "localAuthority": "Belfast"})

    assert names(body)[0] == "Belfast"


@pytest.fixture(scope="module")
async def fallback(settings: Settings, schema: Schema, command_counter: CommandCounter) -> AsyncIterator[GraphQLClient]:
    """The API with $geoNear turned off, as on an engine without geo queries, over the same database."""
    without_geo = settings.model_copy(update={"mongo": settings.mongo.model_copy(update={"geo_near": False})})
    app = create_app(without_geo, mongo_listeners=[command_counter], schema=schema)
    async with in_process(app) as clients:
        yield GraphQLClient(clients())


async def test_the_fallback_orders_alike_reading_only_the_nations_open_groups_through_an_index(
    gql: GraphQLClient, fallback: GraphQLClient, cast: Cast, groups: dict[str, str], command_counter: CommandCounter
) -> None:
    near = {"nation": "WALES", "outwardCode": "LL11"}
    with command_counter.recording() as sent:
        scanned = await nearby(fallback, cast.outsider.token, near, first=3)
    geo = await nearby(gql, cast.outsider.token, near, first=3)
    rest = await nearby(fallback, cast.outsider.token, near, after=scanned["data"]["groups"]["pageInfo"]["endCursor"])

    assert names(scanned) == names(geo) == ["Wrexham", "Newport", "Swansea"]
    assert names(rest) == ["Cardiff Bay", *ONLINE]
    [read] = [c for c in sent if c.get("find") == "groups" and "home_area.nation" in c["filter"]]
    assert (read["filter"]["home_area.nation"], read["hint"]) == ("wales", "nation_discovery")
    assert not [c for c in sent if c.get("aggregate") == "groups"]  # no $geoNear tried


@pytest.mark.engine_contract
async def test_the_fallback_read_is_an_index_scan_of_the_nation(
    fallback: GraphQLClient, cast: Cast, groups: dict[str, str], db: Database, command_counter: CommandCounter
) -> None:
    with command_counter.recording() as sent:
        await nearby(fallback, cast.outsider.token, {"nation": "WALES", "localAuthority": "Cardiff"})
    [read] = [c for c in sent if c.get("find") == "groups" and "home_area.nation" in c["filter"]]

    plan = await db.command("explain", {"find": "groups", "filter": read["filter"], "hint": read["hint"]})

    assert "COLLSCAN" not in str(plan["queryPlanner"]["winningPlan"])
    assert "nation_discovery" in str(plan["queryPlanner"]["winningPlan"])


async def test_a_group_is_placed_by_its_usual_venue_when_its_home_area_gives_no_district(
    gql: GraphQLClient, cast: Cast, db: Database
) -> None:
    group_id = await created_group(gql, cast.lead, name="Church hall", access="OPEN")
    venue = await mutate(gql, "VenueCreate", cast.lead.token, groupId=group_id, name="Hall", address="1 High Street",
                         postcode="ll11 1aa", makeDefault=True)  # fmt: skip
    venue_id = venue["venue"]["id"]
    online_until_placed = await db.groups.find_one({"_id": group_id})
    await mutate(gql, "GroupHomeAreaSet", cast.lead.token, groupId=group_id, nation="WALES",
                 localAuthority="Wrexham", defaultVenueId=venue_id)  # fmt: skip
    placed = await db.groups.find_one({"_id": group_id})
    await mutate(gql, "VenueUpdate", cast.lead.token, groupId=group_id, venueId=venue_id, postcode="SA1 1AA")
    moved = await db.groups.find_one({"_id": group_id})

    assert online_until_placed is not None
    assert online_until_placed["location"] is None  # no home area yet
    assert placed is not None
    assert moved is not None
    assert placed["location"] == {"type": "Point", "coordinates": [-3.03636, 53.06358]}  # LL11's centre
    assert moved["location"] == {"type": "Point", "coordinates": [-3.94018, 51.6269]}  # SA1's


async def test_groups_at_the_same_distance_page_by_id_on_both_paths(
    gql: GraphQLClient, fallback: GraphQLClient, cast: Cast
) -> None:
    ids = set()
    for name in ("Llandrindod A", "Llandrindod B"):
        group_id = await created_group(gql, cast.lead, name=name, access="OPEN")
        await mutate(gql, "GroupHomeAreaSet", cast.lead.token, groupId=group_id, nation="WALES",
                     localAuthority="Powys", outwardCode="LD1")  # fmt: skip
        ids.add(group_id)
    near = {"nation": "WALES", "outwardCode": "LD1"}

    for client in (gql, fallback):
        first = (await nearby(client, cast.outsider.token, near, first=1))["data"]["groups"]
        second = await nearby(client, cast.outsider.token, near, first=1, after=first["pageInfo"]["endCursor"])
        pages = [first["nodes"][0]["id"], second["data"]["groups"]["nodes"][0]["id"]]
        assert pages == sorted(ids)  # one place each, by id, however many share the centre
