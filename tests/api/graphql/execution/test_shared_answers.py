"""Shared answers: the crisis screen is answered again from memory within a minute, right at the
minute's turn, per set of variables, never for an error, and only for public unlimited fields.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import strawberry
from graphql import parse

from api.graphql.core.context import Info
from api.graphql.core.permissions import IsMember
from api.graphql.execution.operation_plan import plan_operation
from api.graphql.execution.shared_answers import SharedAnswer, SharedAnswers
from api.graphql.execution.trusted_documents import read_manifest
from api.graphql.schema import build_schema
from api.main import create_app
from domain.clock import FrozenClock
from infra.settings import GraphQLSettings, Settings
from tests.fixtures.app import in_process

SUPPORT = next(operation for operation in read_manifest()["operations"] if operation["name"] == "SupportResources")


def _by_id(variables: dict[str, Any]) -> dict[str, Any]:
    return {"variables": variables, "extensions": {"persistedQuery": {"version": 1, "sha256Hash": SUPPORT["id"]}}}


def _open_now(body: dict[str, Any]) -> dict[str, bool]:
    assert "errors" not in body, body
    return {item["id"]: item["openNow"] for item in body["data"]["supportResources"]}


async def test_the_crisis_screen_is_answered_from_memory_within_the_minute_and_afresh_after_it(
    settings: Settings,
) -> None:
    # Monday 1 June 2026, 17:59:30 in London: Breathing Space opens at 18:00.
    clock = FrozenClock(datetime(2026, 6, 1, 16, 59, 30, tzinfo=UTC))
    app = create_app(settings, clock=clock)
    scotland = {"nation": "SCOTLAND", "age": 20, "language": "EN"}

    async with in_process(app) as clients:
        client = clients()
        shared: SharedAnswers = app.state.shared_answers
        first = (await client.post("/graphql", json=_by_id(scotland))).json()
        clock.advance(timedelta(seconds=29))
        again = (await client.post("/graphql", json=_by_id(scotland))).json()
        counted = (shared.hits, shared.misses)
        clock.advance(timedelta(seconds=1))  # 18:00:00
        turned = (await client.post("/graphql", json=_by_id(scotland))).json()
        wales = (await client.post("/graphql", json=_by_id(scotland | {"nation": "WALES"}))).json()

    assert again == first
    assert counted == (1, 1)
    assert (_open_now(first)["breathing-space"], _open_now(turned)["breathing-space"]) == (False, True)
    assert "breathing-space" not in _open_now(wales)
    assert "call-wales" in _open_now(wales)
    assert (shared.hits, shared.misses) == (1, 3)


async def test_an_answer_with_an_error_is_never_kept(settings: Settings) -> None:
    app = create_app(settings, clock=FrozenClock(datetime(2026, 6, 1, 12, tzinfo=UTC)))
    impossible = {"nation": "ENGLAND", "age": 500, "language": "EN"}

    async with in_process(app) as clients:
        client = clients()
        bodies = [(await client.post("/graphql", json=_by_id(impossible))).json() for _ in range(2)]

    assert [body["errors"][0]["extensions"]["code"] for body in bodies] == ["BAD_USER_INPUT", "BAD_USER_INPUT"]
    assert (app.state.shared_answers.hits, app.state.shared_answers.misses) == (0, 2)


def test_an_operation_is_shared_only_when_it_is_a_query_of_shared_fields_alone() -> None:
    schema = build_schema(GraphQLSettings(), production=False)
    shared = SharedAnswers(schema.shared_answer_fields)
    now = datetime(2026, 6, 1, 12, 0, 30, tzinfo=UTC)

    def key(text: str) -> object:
        plan = plan_operation(schema._schema, parse(text), None, max_list_items=100)
        return shared.key(plan, text, None, {"nation": "WALES"}, now)

    assert schema.shared_answer_fields == frozenset({"supportResources"})
    assert key("query($nation: Nation!) { supportResources(nation: $nation) { id } __typename }") is not None
    assert key("query($nation: Nation!) { supportResources(nation: $nation) { id } me { id } }") is None
    assert key("{ __typename }") is None


def _whose(info: Info) -> str:
    return "mine"


@strawberry.type
class WronglySharedQuery:
    whose: str = strawberry.field(
        resolver=_whose, permission_classes=[IsMember], extensions=[SharedAnswer(reason="depends on who asks")]
    )


def test_a_shared_answer_on_a_field_that_depends_on_who_asks_does_not_build() -> None:
    settings = GraphQLSettings()
    schema = build_schema(settings, production=False, query=WronglySharedQuery, mutation=None, subscription=None)

    with pytest.raises(ValueError, match="whose: a shared answer must be public and never rate limited"):
        _ = schema.shared_answer_fields
