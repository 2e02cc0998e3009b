"""The SDL the mobile app is built against: committed, current, described and guarded."""

from __future__ import annotations

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
)
from strawberry.permission import PermissionExtension
from strawberry.types.base import StrawberryObjectDefinition

from api.cli.sdl import SDL_PATH, current_sdl
from api.graphql.schema import build_schema
from infra.settings import GraphQLSettings

BUILT_IN_SCALARS = {"String", "Boolean", "ID", "Int", "Float"}


def _schema() -> GraphQLSchema:
    return build_schema(GraphQLSettings(), production=False)._schema


def test_the_committed_sdl_matches_the_code() -> None:
    assert SDL_PATH.read_text() == current_sdl(), "run `uv run python -m api.cli.sdl` and commit the result"


def test_every_type_field_and_argument_has_a_description() -> None:
    missing: list[str] = []
    for name, graphql_type in _schema().type_map.items():
        if name.startswith("__") or name in BUILT_IN_SCALARS:
            continue
        if not graphql_type.description:
            missing.append(name)
        if isinstance(graphql_type, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
            for field_name, field in graphql_type.fields.items():
                if not field.description:
                    missing.append(f"{name}.{field_name}")
                for arg_name, arg in getattr(field, "args", {}).items():
                    if not arg.description:
                        missing.append(f"{name}.{field_name}({arg_name})")
        elif not isinstance(graphql_type, GraphQLEnumType | GraphQLScalarType) and not graphql_type.description:
            missing.append(name)
    assert missing == []


def test_every_root_field_declares_who_may_call_it() -> None:
    # A forgotten permission is a leak (pitfall S5): public fields say so with IsPublic.
    schema = build_schema(GraphQLSettings(), production=False)
    unguarded: list[str] = []
    for root in ("Query", "Mutation", "Subscription"):
        definition = schema.get_type_by_name(root)
        if definition is None:
            continue
        assert isinstance(definition, StrawberryObjectDefinition)
        for field in definition.fields:
            guards = [ext for ext in field.extensions if isinstance(ext, PermissionExtension) and ext.permissions]
            if not guards:
                unguarded.append(f"{root}.{field.name}")
    assert unguarded == []
