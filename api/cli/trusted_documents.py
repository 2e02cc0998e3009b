"""`python -m api.cli.trusted_documents` writes `schemas/graphql/trusted-documents.json`
from `schemas/graphql/operations/*.graphql`; `--check` fails when it is stale.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    OperationDefinitionNode,
    Visitor,
    parse,
    print_ast,
    visit,
)

from api.graphql.execution.trusted_documents import (
    MANIFEST_FORMAT,
    MANIFEST_PATH,
    OPERATIONS_DIR,
    InvalidTrustedDocumentsError,
    TrustedDocuments,
    sha256,
)
from api.graphql.schema import build_schema
from infra.settings import GraphQLSettings


def build_manifest(directory: Path = OPERATIONS_DIR) -> dict[str, Any]:
    """One entry per operation in the folder, its fragments appended, sorted by name;
    every one validated against the production schema.
    """
    operations, fragments = _read_definitions(directory)
    entries = []
    for name, operation in sorted(operations.items()):
        body = print_ast(DocumentNode(definitions=(operation, *_fragments_for(operation, fragments))))
        entries.append({"id": sha256(body), "name": name, "type": operation.operation.value, "body": body})
    manifest = {"format": MANIFEST_FORMAT, "version": 1, "operations": entries}
    settings = GraphQLSettings()
    TrustedDocuments.load(manifest, build_schema(settings, production=True), settings, enforced=True)
    return manifest


def manifest_text(manifest: Mapping[str, Any]) -> str:
    return json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"


Definitions = tuple[dict[str, OperationDefinitionNode], dict[str, FragmentDefinitionNode]]


def _read_definitions(directory: Path) -> Definitions:
    operations: dict[str, OperationDefinitionNode] = {}
    fragments: dict[str, FragmentDefinitionNode] = {}
    for path in sorted(directory.glob("*.graphql")):
        for definition in parse(path.read_text()).definitions:
            if isinstance(definition, OperationDefinitionNode) and definition.name is not None:
                _add(operations, definition.name.value, definition, path)
            elif isinstance(definition, FragmentDefinitionNode):
                _add(fragments, definition.name.value, definition, path)
            else:
                raise InvalidTrustedDocumentsError(f"{path.name}: only named operations and fragments belong here")
    return operations, fragments


def _add(definitions: dict[str, Any], name: str, definition: object, path: Path) -> None:
    if name in definitions:
        raise InvalidTrustedDocumentsError(f"{path.name}: {name} is defined twice in the operations folder")
    definitions[name] = definition


def _fragments_for(
    operation: OperationDefinitionNode, fragments: dict[str, FragmentDefinitionNode]
) -> list[FragmentDefinitionNode]:
    """The fragments the operation spreads, directly or through other fragments, by name."""
    needed: dict[str, FragmentDefinitionNode] = {}
    pending: list[OperationDefinitionNode | FragmentDefinitionNode] = [operation]
    while pending:
        for name in _spreads(pending.pop()):
            if name not in needed:
                if name not in fragments:
                    raise InvalidTrustedDocumentsError(f"fragment {name} is not defined in the operations folder")
                needed[name] = fragments[name]
                pending.append(fragments[name])
    return [needed[name] for name in sorted(needed)]


def _spreads(node: OperationDefinitionNode | FragmentDefinitionNode) -> set[str]:
    names: set[str] = set()

    class Spreads(Visitor):
        def enter_fragment_spread(self, spread: FragmentSpreadNode, *_: object) -> None:
            names.add(spread.name.value)

    visit(node, Spreads())
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write or check the trusted-documents manifest.")
    parser.add_argument("--check", action="store_true", help="fail if the committed manifest is stale")
    args = parser.parse_args(argv)
    try:
        manifest = build_manifest()
    except InvalidTrustedDocumentsError as error:
        print(f"invalid operation: {error}", file=sys.stderr)
        return 1
    text = manifest_text(manifest)
    if args.check:
        if not MANIFEST_PATH.exists() or MANIFEST_PATH.read_text() != text:
            print(f"{MANIFEST_PATH} is stale: run python -m api.cli.trusted_documents", file=sys.stderr)
            return 1
        return 0
    MANIFEST_PATH.write_text(text)
    print(f"{MANIFEST_PATH.name}: {len(manifest['operations'])} operations", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
