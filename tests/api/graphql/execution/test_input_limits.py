"""List inputs: at most 100 items anywhere, fewer where a field declares
`MaxItems`; refused with LIST_TOO_LONG before any resolver runs.
"""

from __future__ import annotations

from typing import Annotated, Any

import pytest
import strawberry

from api.graphql.execution.input_limits import MaxItems
from api.graphql.schema import Schema, build_schema
from infra.settings import GraphQLSettings

calls: list[str] = []


@strawberry.input(name="StepInput")
class _Step:
    labels: list[str] = strawberry.field(directives=[MaxItems(count=2)])


@strawberry.input(name="PlanInput")
class _Plan:
    tags: list[str] = strawberry.field(directives=[MaxItems(count=3)])
    notes: list[str] = strawberry.field(default_factory=list)
    steps: list[_Step] = strawberry.field(default_factory=list)
    generous: list[str] = strawberry.field(default_factory=list, directives=[MaxItems(count=500)])


@strawberry.type
class _Mutation:
    @strawberry.mutation
    def plan_save(
        self,
        plan: _Plan,
        ids: Annotated[list[str] | None, strawberry.argument(directives=[MaxItems(count=2)])] = None,
    ) -> int:
        calls.append("planSave")
        return len(plan.tags)


@strawberry.type
class _Query:
    ok: bool = True


SAVE = "mutation Save($plan: PlanInput!, $ids: [String!]) { planSave(plan: $plan, ids: $ids) }"


def _schema(**settings: Any) -> Schema:
    return build_schema(GraphQLSettings(**settings), production=False, query=_Query, mutation=_Mutation)


async def _refusal(schema: Schema, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any] | None:
    calls.clear()
    result = await schema.execute(query, variable_values=variables)
    if result.errors is None:
        assert calls == ["planSave"]
        return None
    assert result.data is None
    assert calls == []  # refused before anything ran
    [error] = result.errors
    return {"message": error.message, **(error.extensions or {})}


def _plan(**values: Any) -> dict[str, Any]:
    return {"tags": [], **values}


@pytest.mark.parametrize(
    ("variables", "field", "limit"),
    [
        ({"plan": _plan(tags=list("abcd"))}, "tags", 3),
        ({"plan": _plan(notes=["n"] * 101)}, "notes", 100),
        ({"plan": _plan(steps=[{"labels": ["a"]}, {"labels": list("abc")}])}, "labels", 2),
        ({"plan": _plan(steps=[{"labels": []}] * 101)}, "steps", 100),
        ({"plan": _plan(generous=["g"] * 101)}, "generous", 100),  # a field cannot raise the global limit
        ({"plan": _plan(), "ids": list("xyz")}, "ids", 2),
    ],
)
async def test_a_list_variable_over_its_limit_is_refused(variables: dict[str, Any], field: str, limit: int) -> None:
    assert await _refusal(_schema(), SAVE, variables) == {
        "message": f"`{field}` takes at most {limit} items.",
        "code": "LIST_TOO_LONG",
        "field": field,
        "maxItems": limit,
    }


async def test_lists_at_their_limits_are_accepted() -> None:
    plan = _plan(tags=list("abc"), notes=["n"] * 100, steps=[{"labels": ["a", "b"]}] * 100, generous=["g"] * 100)
    assert await _refusal(_schema(), SAVE, {"plan": plan, "ids": ["x", "y"]}) is None


@pytest.mark.parametrize(
    ("query", "field", "limit"),
    [
        ('mutation { planSave(plan: {tags: ["a", "b", "c", "d"]}) }', "tags", 3),
        ('mutation { planSave(plan: {tags: []}, ids: ["x", "y", "z"]) }', "ids", 2),
        ('mutation { planSave(plan: {tags: [], steps: [{labels: ["a", "b", "c"]}]}) }', "labels", 2),
    ],
)
async def test_a_literal_list_over_its_limit_is_refused(query: str, field: str, limit: int) -> None:
    refusal = await _refusal(_schema(), query)
    assert refusal is not None
    assert (refusal["code"], refusal["field"], refusal["maxItems"]) == ("LIST_TOO_LONG", field, limit)


async def test_the_global_limit_comes_from_the_settings() -> None:
    schema = _schema(max_list_items=5)
    refusal = await _refusal(schema, SAVE, {"plan": _plan(notes=["n"] * 6)})
    assert refusal is not None
    assert (refusal["field"], refusal["maxItems"]) == ("notes", 5)
    assert await _refusal(schema, SAVE, {"plan": _plan(notes=["n"] * 5)}) is None


@pytest.mark.parametrize(
    ("variables", "field"),
    [
        ({"plan": _plan(tags=["fine", "half \ud800 a pair"])}, "tags"),
        ({"plan": _plan(steps=[{"labels": ["\udfff"]}])}, "labels"),
        ({"plan": _plan(), "ids": ["a\ud83d"]}, "ids"),
        ({"plan": {"tags": [], "\ud800": "x"}}, "plan"),
    ],
)
async def test_text_that_is_not_unicode_is_refused_before_anything_runs(variables: dict[str, Any], field: str) -> None:
    # A lone surrogate survives JSON's \u escapes but no UTF-8 store: a write would fail half-way.
    refusal = await _refusal(_schema(), SAVE, variables)

    assert refusal == {
        "message": f"`{field}` holds text that is not valid Unicode.", "code": "TEXT_NOT_UNICODE", "field": field
    }  # fmt: skip


@pytest.mark.parametrize(
    ("literal", "message"),
    [
        ("\ud800", "Invalid character within String: U+D800."),
        ("\\ud800", "Invalid Unicode escape sequence: '\\ud800'."),
    ],
)
async def test_a_document_that_is_not_unicode_is_a_syntax_error(literal: str, message: str) -> None:
    refusal = await _refusal(_schema(), f'mutation {{ planSave(plan: {{tags: ["{literal}"]}}) }}')

    assert refusal == {"message": f"Syntax Error: {message}"}


async def test_every_kind_of_unicode_text_is_accepted() -> None:
    text = "é 👨‍👩‍👧‍👦 \u202e \ufeff \u0000 Ωmega"

    assert await _refusal(_schema(), SAVE, {"plan": _plan(tags=[text])}) is None
