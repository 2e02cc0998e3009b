"""One error channel for refusals, over the WHOLE schema (issue 14, item 7).

The rule is in api/graphql/errors.py: a refusal the member can act on (not theirs to edit, not
their role, their account waiting to be deleted, and every business failure) is the mutation's
own typed error; top-level errors are only `TOP_LEVEL_CODES` (who is calling, limits, malformed
requests, true not-found). Walking every mutation of the schema, these tests hold:
- its shape: `XSuccess | XError`, with `TypedRefusals` outermost and, where a member is needed,
  ACCOUNT_DELETION_PENDING among its codes;
- every outcome the authorisation matrix registers for it: a top-level one only when the rule
  allows it (FORBIDDEN only for a staff-only field), the rest typed; the matrix
  (test_authorization_matrix.py) holds the API to those outcomes;
- a member waiting to be deleted, signed in afresh, calling it: the typed error, nothing written.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
from graphql import GraphQLEnumType, GraphQLNonNull, GraphQLObjectType, GraphQLUnionType
from strawberry.types.base import StrawberryObjectDefinition

from api.graphql.core.errors import TOP_LEVEL_CODES, RefusalCode, TypedRefusals
from api.graphql.core.permissions import HandlesAlerts, IsAdmin, IsMember, IsSafeguarding, IsStaff
from api.graphql.schema import build_schema
from infra.settings import GraphQLSettings
from tests.fixtures.changes import Changes
from tests.security.calls import Caller
from tests.security.registry import MUTATIONS, OK, app_schema, schema_root_fields
from tests.security.world import ROLES, World

MUTATION_FIELDS = [field for root, field in schema_root_fields() if root == "mutation"]
STAFF_ONLY = (IsStaff, IsAdmin, IsSafeguarding, HandlesAlerts)
# Not refused while an account waits to be deleted: onboarding says it is done, restoring is the way back.
PENDING_EXCEPTIONS = {"memberOnboard": "ALREADY_ONBOARDED", "accountRestore": OK}


ANSWERED_WITH_SUPPORT = {
    "checkInSubmit", "shareCreate", "shareUpdate", "responseCreate", "supportRequest", "threadStart", "messageSend",
    "messageUpdate", "moderationAppeal",
}  # fmt: skip


@cache
def _mutation_root() -> StrawberryObjectDefinition:
    definition = build_schema(GraphQLSettings(), production=False).get_type_by_name("Mutation")
    assert isinstance(definition, StrawberryObjectDefinition)
    return definition


def _strawberry_field(name: str) -> Any:
    [field] = [f for f in _mutation_root().fields if f.graphql_name == name or _camel(f.python_name) == name]
    return field


def _camel(snake: str) -> str:
    first, *rest = snake.split("_")
    return first + "".join(part.title() for part in rest)


def _typed_codes(name: str) -> set[str]:
    """The codes of the mutation's XError (checking its XSuccess | XError shape on the way)."""
    result = app_schema().mutation_type.fields[name].type  # type: ignore[union-attr]
    union = result.of_type if isinstance(result, GraphQLNonNull) else result
    assert isinstance(union, GraphQLUnionType), name
    names = sorted(member.name for member in union.types)
    assert [n.removesuffix("Success").removesuffix("Error") for n in names] == [names[0][: -len("Error")]] * 2, names
    error = union.types[0] if union.types[0].name.endswith("Error") else union.types[1]
    assert isinstance(error, GraphQLObjectType)
    # Words that may call for support bring their helplines with any answer, a refusal too (issue 13).
    expected = {"code", "message", "fieldErrors"} | ({"signposting"} if name in ANSWERED_WITH_SUPPORT else set())
    assert set(error.fields) == expected, name
    codes = error.fields["code"].type
    codes = codes.of_type if isinstance(codes, GraphQLNonNull) else codes
    assert isinstance(codes, GraphQLEnumType), name
    return set(codes.values)


@pytest.mark.parametrize("name", MUTATION_FIELDS)
def test_every_mutation_answers_refusals_with_its_own_typed_error(name: str) -> None:
    field = _strawberry_field(name)
    codes = _typed_codes(name)
    # TypedRefusals wraps everything else, permission checks included (strawberry: last is outermost)
    assert isinstance(field.extensions[-1], TypedRefusals), name
    if IsMember in field.permission_classes:
        assert RefusalCode.ACCOUNT_DELETION_PENDING.name in codes, name
    assert not codes & TOP_LEVEL_CODES - {"NOT_FOUND"}, f"{name}: a top-level code among its typed ones"


@pytest.mark.parametrize("name", MUTATION_FIELDS)
def test_the_matrix_expects_only_what_the_rule_allows(name: str) -> None:
    case = MUTATIONS[name]
    codes = _typed_codes(name)
    staff_only = any(cls in STAFF_ONLY for cls in _strawberry_field(name).permission_classes)
    for role in ROLES:
        expected = case.expected(role)
        if expected == OK or expected in codes:
            continue
        assert expected in TOP_LEVEL_CODES, f"{name} as {role}: {expected} must be the mutation's typed error"
        assert expected != "FORBIDDEN" or staff_only, f"{name} as {role}: FORBIDDEN is for staff-only fields"


async def test_a_member_waiting_to_be_deleted_gets_each_mutation_s_typed_error_and_nothing_changes(
    security_world: World, caller: Caller, changes: Changes
) -> None:
    before = await changes.mark()
    answered: dict[str, str] = {}
    for name in MUTATION_FIELDS:
        if name == "accountRestore":
            continue  # the way back: test_account_delete.py restores, which would change the world here
        body = await caller("mutation", name, security_world.pending.token, MUTATIONS[name].variables(security_world))
        assert "errors" not in body, (name, body)
        answered[name] = body["data"][name]["code"] if body["data"][name]["__typename"].endswith("Error") else OK

    expected = {name: PENDING_EXCEPTIONS.get(name, "ACCOUNT_DELETION_PENDING") for name in answered}
    assert answered == expected
    assert len(answered) == len(MUTATION_FIELDS) - 1
    assert await changes.since(before) == []
