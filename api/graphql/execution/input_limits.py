"""How many items a list input may hold: at most `GRAPHQL_MAX_LIST_ITEMS` (100)
everywhere, fewer where an argument or input field declares `MaxItems(n)`:

    tags: list[str] = strawberry.field(description="…", directives=[MaxItems(count=5)])
    ids: Annotated[list[strawberry.ID], strawberry.argument(description="…", directives=[MaxItems(count=20)])]

Checked once per operation before anything runs (literal lists in the
document, and lists in the variables), answered with `LIST_TOO_LONG`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import strawberry
from graphql import (
    BREAK,
    DocumentNode,
    GraphQLArgument,
    GraphQLInputField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLSchema,
    ListValueNode,
    ObjectFieldNode,
    TypeInfo,
    TypeInfoVisitor,
    VariableNode,
    Visitor,
    get_named_type,
    visit,
)
from strawberry.schema_directive import Location

from api.graphql.core.errors import ListTooLongError

_BACKREF = "strawberry-definition"


@strawberry.schema_directive(
    locations=[Location.ARGUMENT_DEFINITION, Location.INPUT_FIELD_DEFINITION],
    description="The list takes at most `count` items (never more than 100).",
)
class MaxItems:
    count: int


@dataclass(frozen=True)
class VariableBound:
    """A variable used where its value (or lists inside it) must be checked."""

    variable: str
    type: GraphQLInputType
    max_items: int
    field: str


@dataclass(frozen=True)
class ListBounds:
    """What an operation's variables must respect, and any literal list over its limit."""

    variables: tuple[VariableBound, ...]
    literal_error: ListTooLongError | None
    limit: int

    def check(self, values: dict[str, Any] | None) -> ListTooLongError | None:
        """The first list in the operation or its variables over its limit, if any."""
        if self.literal_error is not None:
            return self.literal_error
        for bound in self.variables:
            if values and bound.variable in values:
                error = _check_value(values[bound.variable], bound.type, bound.max_items, bound.field, self.limit)
                if error is not None:
                    return error
        return None


def list_bounds(schema: GraphQLSchema, document: DocumentNode, limit: int) -> ListBounds:
    """Walk the document once: where each variable is used, and literal lists."""
    type_info = TypeInfo(schema)
    collector = _Collector(type_info, limit)
    visit(document, TypeInfoVisitor(type_info, collector))
    return ListBounds(variables=tuple(collector.variables), literal_error=collector.error, limit=limit)


def max_items(definition: GraphQLArgument | GraphQLInputField | None, limit: int) -> int:
    """The field's own `MaxItems`, capped by the global limit."""
    strawberry_definition = definition.extensions.get(_BACKREF) if definition is not None else None
    for directive in getattr(strawberry_definition, "directives", ()) or ():
        if isinstance(directive, MaxItems):
            return min(directive.count, limit)
    return limit


class _Collector(Visitor):
    def __init__(self, type_info: TypeInfo, limit: int) -> None:
        super().__init__()
        self.type_info = type_info
        self.limit = limit
        self.owners: list[tuple[str, int]] = []
        self.variables: list[VariableBound] = []
        self.error: ListTooLongError | None = None

    def enter_variable_definition(self, *_: Any) -> Any:
        return self.SKIP  # the declaration, not a use; its default is bounded by the token limit

    def enter_argument(self, node: Any, *_: Any) -> None:
        self.owners.append((node.name.value, max_items(self.type_info.get_argument(), self.limit)))

    def leave_argument(self, *_: Any) -> None:
        self.owners.pop()

    def enter_object_field(self, node: ObjectFieldNode, *_: Any) -> None:
        parent = get_named_type(self.type_info.get_parent_input_type())
        field = parent.fields.get(node.name.value) if isinstance(parent, GraphQLInputObjectType) else None
        self.owners.append((node.name.value, max_items(field, self.limit)))

    def leave_object_field(self, *_: Any) -> None:
        self.owners.pop()

    def enter_list_value(self, node: ListValueNode, *_: Any) -> Any:
        name, count = self.owners[-1] if self.owners else ("", self.limit)
        if len(node.values) > count:
            self.error = ListTooLongError(name, count)
            return BREAK
        return None

    def enter_variable(self, node: VariableNode, *_: Any) -> None:
        input_type = self.type_info.get_input_type()
        if input_type is not None and self.owners:
            name, count = self.owners[-1]
            self.variables.append(VariableBound(node.name.value, input_type, count, name))


def _check_value(value: Any, type_: GraphQLInputType, count: int, field: str, limit: int) -> ListTooLongError | None:
    """Walk a variable's JSON value along its GraphQL type."""
    if isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    if isinstance(type_, GraphQLList):
        if not isinstance(value, list):
            return None
        if len(value) > count:
            return ListTooLongError(field, count)
        for item in value:
            error = _check_value(item, type_.of_type, limit, field, limit)
            if error is not None:
                return error
    elif isinstance(type_, GraphQLInputObjectType) and isinstance(value, dict):
        for name, field_def in type_.fields.items():
            if name in value:
                error = _check_value(value[name], field_def.type, max_items(field_def, limit), name, limit)
                if error is not None:
                    return error
    return None
