"""supportResources over HTTP: public, whole, ordered, localised, and never refused."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from graphql import parse, validate

from api.graphql.schema import build_schema
from api.main import create_app
from domain.clock import FrozenClock
from infra.settings import GraphQLSettings, Settings
from tests.factories.members import onboarded_member
from tests.fixtures.app import CommandCounter, GraphQLClient, in_process
from tests.fixtures.auth import AuthEmulator, unsigned_token

OPERATIONS = Path(__file__).resolve().parents[4] / "schemas" / "graphql" / "operations" / "crisis.graphql"
QUERY = OPERATIONS.read_text(encoding="utf-8")
IDS = """query($nation: Nation!, $age: Int, $groupKind: GroupKind) {
  supportResources(nation: $nation, age: $age, groupKind: $groupKind) { id }
}"""
ALWAYS = ["emergency-999", "emergency-a-and-e", "samaritans", "shout"]


def _ids(body: dict[str, Any]) -> list[str]:
    assert "errors" not in body, body
    return [item["id"] for item in body["data"]["supportResources"]]


async def test_anyone_signed_out_gets_the_resources_for_their_nation_and_age(gql: GraphQLClient) -> None:
    body = await gql(QUERY, {"nation": "WALES", "age": 17, "language": "EN"})

    assert _ids(body) == [*ALWAYS, "nhs-111-wales", "childline", "papyrus-hopeline247", "call-wales", "calm",
                          "the-mix", "samaritans-welsh-language-line", "mind-infoline"]  # fmt: skip
    samaritans = body["data"]["supportResources"][2]
    assert samaritans | {"lastVerified": None} == {
        "id": "samaritans",
        "name": "Samaritans",
        "description": "Talk to someone any time, day or night, about whatever you're going through. "
        "Free to call, even from a mobile with no credit.",
        "emergency": False,
        "informationOnly": False,
        "groupKinds": [],
        "minAge": None,
        "maxAge": None,
        "languages": ["EN"],
        "contacts": [
            {"kind": "CALL", "value": "116 123", "keyword": None, "label": "Call 116 123 (free)"},
            {"kind": "EMAIL", "value": "jo@samaritans.org", "keyword": None, "label": "Email jo@samaritans.org"},
        ],
        "alwaysOpen": True,
        "openNow": True,
        "hours": "Open 24 hours, every day",
        "openingHours": [],
        "timezone": "Europe/London",
        "lastVerified": None,
    }
    assert samaritans["lastVerified"] == "2026-11-22"


async def test_names_texts_and_labels_come_in_welsh_when_asked(gql: GraphQLClient) -> None:
    body = await gql(QUERY, {"nation": "SCOTLAND", "age": 20, "language": "CY"})

    resources = {item["id"]: item for item in body["data"]["supportResources"]}
    assert resources["shout"]["contacts"] == [
        {"kind": "TEXT", "value": "85258", "keyword": "SHOUT", "label": "Tecstia SHOUT i 85258"}
    ]
    assert resources["samaritans"]["name"] == "Y Samariaid"
    breathing = resources["breathing-space"]
    assert breathing["hours"] == "Dydd Llun i ddydd Iau 6yh i 2yb; dydd Gwener 6yh i ddydd Llun 6yb"
    assert (breathing["alwaysOpen"], breathing["minAge"], len(breathing["openingHours"])) == (False, 16, 5)
    assert breathing["openingHours"][-1] == {"fromDay": "FRIDAY", "fromTime": "18:00", "toDay": "MONDAY",
                                             "toTime": "06:00"}  # fmt: skip


async def test_without_an_age_every_resource_of_the_nation_is_listed(gql: GraphQLClient) -> None:
    body = await gql(IDS, {"nation": "SCOTLAND"})
    assert _ids(body) == [*ALWAYS, "nhs-24-scotland", "childline", "papyrus-hopeline247", "breathing-space", "calm",
                          "the-mix"]  # fmt: skip


async def test_unconfirmed_numbers_are_never_listed(gql: GraphQLClient) -> None:
    for age in (None, 17, 24):
        assert "meic-wales" not in _ids(await gql(IDS, {"nation": "WALES", "age": age}))


async def test_a_bereavement_group_s_member_is_also_given_cruse(gql: GraphQLClient) -> None:
    bereavement = _ids(await gql(IDS, {"nation": "ENGLAND", "age": 40, "groupKind": "BEREAVEMENT"}))
    parents = _ids(await gql(IDS, {"nation": "ENGLAND", "age": 40, "groupKind": "PARENTS"}))
    assert bereavement == [*ALWAYS, "nhs-111-england", "papyrus-hopeline247", "calm", "cruse-bereavement-support",
                           "mind-infoline"]  # fmt: skip
    assert parents == [item for item in bereavement if item != "cruse-bereavement-support"]


@pytest.mark.parametrize("token_kind", ["garbage", "expired", "member"])
async def test_a_bad_token_or_a_signed_in_member_gets_the_same_answer(
    gql: GraphQLClient, auth_emulator: AuthEmulator, token_kind: str
) -> None:
    anonymous = await gql(IDS, {"nation": "NORTHERN_IRELAND", "age": 30})
    if token_kind == "member":
        token = (await onboarded_member(gql, auth_emulator)).token
    elif token_kind == "expired":
        token = unsigned_token((await auth_emulator.sign_up()).uid, expires_in=-600)
    else:
        token = "not.a.token"

    body = await gql(IDS, {"nation": "NORTHERN_IRELAND", "age": 30}, token=token)

    assert body == anonymous
    assert _ids(body) == [*ALWAYS, "lifeline", "papyrus-hopeline247", "calm"]


@pytest.mark.parametrize("age", [-1, 121])
async def test_an_impossible_age_is_a_bad_request(gql: GraphQLClient, age: int) -> None:
    body = await gql(IDS, {"nation": "ENGLAND", "age": age})
    assert body["data"] is None
    [error] = body["errors"]
    assert (error["extensions"], error["message"]) == ({"code": "BAD_USER_INPUT"}, "Age must be between 0 and 120.")


async def test_no_database_command_answers_it(gql: GraphQLClient, command_counter: CommandCounter) -> None:
    # From the process's memory (CRISIS-3): the store is read in the background, never while someone waits.
    with command_counter.counting() as commands:
        body = await gql(IDS, {"nation": "ENGLAND", "age": 19})
    assert _ids(body) == [*ALWAYS, "nhs-111-england", "papyrus-hopeline247", "calm", "the-mix", "mind-infoline"]
    assert commands == []


async def test_a_burst_from_one_address_is_never_refused(gql: GraphQLClient) -> None:
    # The crisis-resources query is exempt from rate limits (issue 7): a person in
    # crisis, or a shared school or hospital network, must never be turned away.
    bodies = []
    for _ in range(12):
        bodies += await asyncio.gather(*(gql(IDS, {"nation": "ENGLAND"}) for _ in range(10)))
    assert {len(_ids(body)) for body in bodies} == {10}
    assert len(bodies) == 120


def test_the_apps_operations_are_valid_against_the_schema() -> None:
    schema = build_schema(GraphQLSettings(), production=False)._schema
    document = parse(QUERY)
    assert validate(schema, document) == []
    assert [definition.name.value for definition in document.definitions] == [  # type: ignore[attr-defined]
        "SupportResources",
        "SupportResourcesForGroup",
    ]


async def test_every_nation_and_age_is_offered_999_samaritans_shout_and_its_own_line(gql: GraphQLClient) -> None:
    query = """query($nation: Nation!, $age: Int) {
      supportResources(nation: $nation, age: $age) { id contacts { kind value keyword } }
    }"""
    nation_lines = {"ENGLAND": "nhs-111-england", "WALES": "nhs-111-wales", "SCOTLAND": "nhs-24-scotland",
                    "NORTHERN_IRELAND": "lifeline"}  # fmt: skip
    cases = [(nation, age) for nation in nation_lines for age in (None, 0, 16, 17, 18, 19, 24, 25, 34, 35, 80, 120)]

    bodies = [await gql(query, {"nation": nation, "age": age}) for nation, age in cases]

    for (nation, age), body in zip(cases, bodies, strict=True):
        shown = body["data"]["supportResources"]
        assert {"emergency-999", "samaritans", "shout", nation_lines[nation]} <= {item["id"] for item in shown}, age
        contacts = {(c["kind"], c["value"], c["keyword"]) for item in shown for c in item["contacts"]}
        assert {("CALL", "999", None), ("CALL", "116 123", None), ("TEXT", "85258", "SHOUT")} <= contacts


async def test_open_now_follows_the_request_clock_in_london_time(settings: Settings) -> None:
    # Given an API whose clock reads Monday 1 June 2026, 17:30 UTC (18:30 in London, BST)
    clock = FrozenClock(datetime(2026, 6, 1, 17, 30, tzinfo=UTC))
    app = create_app(settings, clock=clock)
    query = "{ supportResources(nation: SCOTLAND, age: 20) { id openNow } }"

    async with in_process(app) as clients:
        client = clients()
        evening = (await client.post("/graphql", json={"query": query})).json()
        clock.advance(timedelta(hours=9))  # 03:30 on Tuesday in London
        night = (await client.post("/graphql", json={"query": query})).json()

    def open_now(body: dict[str, Any]) -> dict[str, bool]:
        return {item["id"]: item["openNow"] for item in body["data"]["supportResources"]}

    assert open_now(evening)["breathing-space"] is True
    assert open_now(night)["breathing-space"] is False
    assert {name for name, is_open in open_now(night).items() if not is_open} == {"breathing-space", "calm", "the-mix"}
    assert (open_now(evening)["calm"], open_now(evening)["the-mix"]) == (True, True)
