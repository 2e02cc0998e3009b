"""Limits on operations, masking of unexpected errors, and production switches."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncGenerator

import pytest
import strawberry
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult

from api.graphql.schema import SCHEMA_CONFIG, Schema, build_schema, schema_extensions
from api.main import create_app
from infra.settings import Environment, GraphQLSettings, Settings
from tests.fixtures.app import GraphQLClient, in_process


@strawberry.type
class _Node:
    @strawberry.field
    def child(self) -> _Node:
        return _Node()

    name: str = "node"


@strawberry.type
class _NestedQuery:
    @strawberry.field
    def root(self) -> _Node:
        return _Node()


def _nested(depth: int) -> str:
    inner = "name"
    for _ in range(depth - 1):
        inner = f"child {{ {inner} }}"
    return f"{{ root {{ {inner} }} }}"


async def test_an_operation_deeper_than_the_limit_is_refused() -> None:
    # The schema's own extensions over a type that nests as deep as asked
    # (introspection fields are exempt from the depth limit).
    schema = Schema(
        query=_NestedQuery, extensions=schema_extensions(GraphQLSettings(), production=False), config=SCHEMA_CONFIG
    )
    allowed = await schema.execute(_nested(10))
    assert allowed.errors is None
    refused = await schema.execute(_nested(11))
    assert refused.data is None
    assert refused.errors is not None
    assert "exceeds maximum operation depth of 10" in refused.errors[0].message


async def test_too_many_aliases_are_refused_even_inside_fragments(gql: GraphQLClient) -> None:
    aliases = " ".join(f"a{i}: __typename" for i in range(16))
    direct = await gql(f"{{ {aliases} }}")
    assert "aliases found" in direct["errors"][0]["message"]
    fragment = await gql(f"query {{ ...F }} fragment F on Query {{ {aliases} }}")
    assert "aliases found" in fragment["errors"][0]["message"]


async def test_too_many_tokens_are_refused(gql: GraphQLClient) -> None:
    body = await gql("{ " + " ".join(["__typename"] * 2100) + " }")
    assert body.get("data") is None
    assert "token" in body["errors"][0]["message"].lower()


async def test_a_misspelled_field_gets_no_suggestion(gql: GraphQLClient) -> None:
    body = await gql("{ mee { id } }")
    message = body["errors"][0]["message"]
    assert "Cannot query field 'mee'" in message
    assert "Did you mean" not in message
    assert "me" not in message.split("'mee'")[1]


@strawberry.type
class _FailingQuery:
    @strawberry.field
    def boom(self) -> str:
        raise RuntimeError("canary-internal-detail")


async def test_an_unexpected_error_is_masked_and_logged_with_its_traceback(caplog: pytest.LogCaptureFixture) -> None:
    schema = Schema(
        query=_FailingQuery, extensions=schema_extensions(GraphQLSettings(), production=False), config=SCHEMA_CONFIG
    )
    with caplog.at_level(logging.ERROR, logger="api.graphql"):
        result = await schema.execute("{ boom }")
    assert result.errors is not None
    [error] = result.errors
    assert error.message == "Unexpected error."
    assert error.extensions in (None, {})
    assert "canary-internal-detail" not in str(result.errors)
    [record] = caplog.records
    assert record.exc_info is not None
    assert "canary-internal-detail" in str(record.exc_info[1])


async def test_introspection_is_off_in_production_only() -> None:
    query = "{ __schema { queryType { name } } }"
    development = await build_schema(GraphQLSettings(), production=False).execute(query)
    assert development.errors is None
    production = await build_schema(GraphQLSettings(), production=True).execute(query)
    assert production.data is None
    assert production.errors is not None
    assert "introspection" in production.errors[0].message.lower()


@pytest.mark.parametrize(
    ("environment", "ide_served"), [(Environment.DEVELOPMENT, True), (Environment.PRODUCTION, False)]
)
async def test_the_graphql_ide_is_served_outside_production_only(
    settings: Settings, environment: Environment, ide_served: bool
) -> None:
    # model_copy skips the production checks on purpose: the services are the emulators.
    app = create_app(settings.model_copy(update={"environment": environment}))
    async with in_process(app) as clients:
        client = clients()
        response = await client.get("/graphql", headers={"Accept": "text/html"})
    assert ("graphiql" in response.text.lower()) is ide_served
    if not ide_served:
        assert response.status_code in {404, 405}


@strawberry.type
class _SlowQuery:
    @strawberry.field
    async def slow(self) -> str:
        await asyncio.sleep(30)
        return "finished"

    @strawberry.field
    async def quick(self) -> str:
        return "quick"


async def test_a_slow_operation_is_cut_with_a_masked_error(caplog: pytest.LogCaptureFixture) -> None:
    assert GraphQLSettings().execution_timeout_seconds == 5.0
    schema = build_schema(GraphQLSettings(execution_timeout_seconds=0.2), production=False, query=_SlowQuery)
    started = time.monotonic()
    with caplog.at_level(logging.ERROR, logger="api.graphql"):
        result = await schema.execute("query Slow { quick slow }")
    assert time.monotonic() - started < 2
    assert result.data is None
    assert [error.formatted for error in result.errors or []] == [{"message": "Unexpected error."}]
    assert [record.getMessage() for record in caplog.records] == ["operation Slow cut after 0.2 s"]
    assert (await schema.execute("{ quick }")).data == {"quick": "quick"}


async def test_the_timeout_also_cuts_operations_sent_over_the_socket() -> None:
    # The socket runs queries and mutations through schema.stream, not execute.
    schema = build_schema(GraphQLSettings(execution_timeout_seconds=0.2), production=False, query=_SlowQuery)
    results = [result async for result in await schema.stream("{ slow }")]
    assert [[error.message for error in result.errors or []] for result in results] == [["Unexpected error."]]


@strawberry.type
class _Tick:
    number: int

    @strawberry.field
    async def slowly(self) -> int:
        await asyncio.sleep(0.3)  # longer than the timeout, for each event
        return self.number


@strawberry.type
class _SlowTicks:
    @strawberry.subscription
    async def ticks(self) -> AsyncGenerator[_Tick, None]:
        for number in range(2):
            yield _Tick(number=number)


async def test_a_subscription_is_never_cut_since_it_lasts_as_long_as_it_is_wanted() -> None:
    schema = build_schema(
        GraphQLSettings(execution_timeout_seconds=0.2), production=False, query=_SlowQuery, subscription=_SlowTicks
    )
    events = await schema.subscribe("subscription { ticks { slowly } }")
    assert not isinstance(events, ExecutionResult)
    assert [(event.data, event.errors) async for event in events] == [
        ({"ticks": {"slowly": 0}}, None),
        ({"ticks": {"slowly": 1}}, None),
    ]


class _BrokenBeforeExecution(SchemaExtension):
    def on_validate(self):  # type: ignore[no-untyped-def]
        raise RuntimeError("canary-extension-detail")


async def test_an_exception_before_execution_is_masked_too(caplog: pytest.LogCaptureFixture) -> None:
    extensions = [*schema_extensions(GraphQLSettings(), production=False), _BrokenBeforeExecution]
    schema = Schema(query=_FailingQuery, extensions=extensions, config=SCHEMA_CONFIG)
    with caplog.at_level(logging.ERROR, logger="api.graphql"):
        result = await schema.execute("{ boom }")
    assert [error.formatted for error in result.errors or []] == [{"message": "Unexpected error."}]
    assert "canary-extension-detail" in str(caplog.records[0].exc_info)
    # The client's own mistakes before execution stay readable.
    onboard = "mutation($input: MemberOnboardInput!) { memberOnboard(input: $input) { __typename } }"
    variables = {"input": {"displayName": "Sam", "dateOfBirth": "not-a-date", "nation": "WALES", "timezone": "x"}}
    invalid = await build_schema(GraphQLSettings(), production=False).execute(onboard, variable_values=variables)
    message = (invalid.errors or [])[0].message
    assert message.startswith("Variable '$input' has invalid value at .dateOfBirth: Value cannot represent a Date")
