"""What the guard needs to know about an operation, computed once per document:
its root fields (for the rate limits) and where its lists must be checked.
Trusted documents keep theirs from start-up; other documents (development
only) get theirs per request.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)

from api.graphql.execution.input_limits import ListBounds, list_bounds
from api.graphql.execution.rate_limits import RootFields


@dataclass(frozen=True)
class OperationPlan:
    root_fields: RootFields
    list_bounds: ListBounds


def plan_operation(
    schema: GraphQLSchema, document: DocumentNode, operation_name: str | None, *, max_list_items: int
) -> OperationPlan:
    """Tolerates invalid documents: they are planned as best it can, then refused by validation."""
    return OperationPlan(
        root_fields=root_fields(document, operation_name),
        list_bounds=list_bounds(schema, document, max_list_items),
    )


def root_fields(document: DocumentNode, operation_name: str | None) -> RootFields:
    """The selected operation's root fields, through fragments, counting aliases."""
    operation = _operation(document, operation_name)
    if operation is None:
        return RootFields(root="query", counts=())
    fragments = {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    counts: Counter[str] = Counter()
    _collect(operation.selection_set, fragments, counts, visited=set())
    return RootFields(root=operation.operation.value, counts=tuple(sorted(counts.items())))


def _operation(document: DocumentNode, name: str | None) -> OperationDefinitionNode | None:
    operations = [definition for definition in document.definitions if isinstance(definition, OperationDefinitionNode)]
    if name is None:
        return operations[0] if len(operations) == 1 else None
    return next((operation for operation in operations if operation.name and operation.name.value == name), None)


def _collect(
    selection_set: SelectionSetNode,
    fragments: dict[str, FragmentDefinitionNode],
    counts: Counter[str],
    visited: set[str],
) -> None:
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            counts[selection.name.value] += 1
        elif isinstance(selection, InlineFragmentNode):
            _collect(selection.selection_set, fragments, counts, visited)
        elif isinstance(selection, FragmentSpreadNode) and selection.name.value not in visited:
            # Each fragment once: a spread repeated (or nested) cannot blow the walk up.
            visited.add(selection.name.value)
            fragment = fragments.get(selection.name.value)
            if fragment is not None:
                _collect(fragment.selection_set, fragments, counts, visited)
