"""The app's own operations (schemas/graphql/operations/), one at a time, with the fragments each uses."""

from __future__ import annotations

from functools import cache
from typing import Any

from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    OperationDefinitionNode,
    parse,
    print_ast,
    visit,
)
from graphql.language import Visitor

from api.graphql.execution.trusted_documents import OPERATIONS_DIR


class _Spreads(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def enter_fragment_spread(self, node: FragmentSpreadNode, *_: Any) -> None:
        self.names.add(node.name.value)


@cache
def _folder() -> DocumentNode:
    return parse("\n".join(path.read_text() for path in sorted(OPERATIONS_DIR.glob("*.graphql"))))


@cache
def app_operation(name: str) -> str:
    """One named operation from the folder, with just the fragments it uses."""
    document = _folder()
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    [chosen] = [
        d for d in document.definitions if isinstance(d, OperationDefinitionNode) and d.name and d.name.value == name
    ]
    needed: list[Any] = [chosen]
    seen: set[str] = set()
    while True:
        spreads = _Spreads()
        for node in needed:
            visit(node, spreads)
        new = spreads.names - seen
        if not new:
            break
        seen |= new
        needed += [fragments[n] for n in sorted(new)]
    return "\n\n".join(print_ast(node) for node in needed)
