"""Trusted documents (GQL-2): the operations the mobile app sends, and nothing else
in production.

The app's operations live in `schemas/graphql/operations/*.graphql`.
`python -m api.graphql.trusted_documents` writes `schemas/graphql/trusted-documents.json`
(Apollo's persisted-query manifest format: each operation's sha256 `id`, `name`,
`type` and `body`, its fragments included); `--check` fails when it is stale.

A request names its document by id, as Apollo clients do,
`{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "<id>"}}}` (no
`query`, so less to send), or sends the manifest's `body` as its `query`.
In production nothing else runs; in development and test any document runs,
and ids still resolve. Every document is parsed, validated and planned once
at start-up and executed from that cache.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

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
from strawberry.schema.schema import validate_document

from api.graphql.errors import PersistedQueryMismatchError, PersistedQueryNotFoundError, PersistedQueryNotInListError
from api.graphql.operation_plan import OperationPlan, plan_operation
from api.graphql.schema import Schema, build_schema
from infra.settings import GraphQLSettings

GRAPHQL_DIR = Path(__file__).resolve().parents[2] / "schemas" / "graphql"
OPERATIONS_DIR = GRAPHQL_DIR / "operations"
MANIFEST_PATH = GRAPHQL_DIR / "trusted-documents.json"
MANIFEST_FORMAT = "apollo-persisted-query-manifest"


class InvalidTrustedDocumentsError(Exception):
    """The operations folder or the manifest cannot be served; the message says where."""


@dataclass(frozen=True)
class TrustedDocument:
    id: str
    name: str
    body: str
    document: DocumentNode
    plan: OperationPlan


class TrustedDocuments:
    """The allow-list, parsed, validated and planned; `enforced` in production."""

    def __init__(self, documents: list[TrustedDocument], *, enforced: bool) -> None:
        self.enforced = enforced
        self._by_id = {document.id: document for document in documents}
        self._by_body = {document.body: document for document in documents}

    @classmethod
    def load(cls, manifest: Mapping[str, Any], schema: Schema, settings: GraphQLSettings, *, enforced: bool) -> Self:
        """Fail start-up on any operation that would not run as it is."""
        if manifest.get("format") != MANIFEST_FORMAT or manifest.get("version") != 1:
            raise InvalidTrustedDocumentsError(f"not an {MANIFEST_FORMAT} version 1")
        documents = [_prepare(operation, schema, settings) for operation in manifest["operations"]]
        return cls(documents, enforced=enforced)

    def find(self, body: str | None) -> TrustedDocument | None:
        """The trusted document sent as text; a dict lookup, no parsing."""
        return self._by_body.get(body) if body else None

    def resolve_query(self, query: str | None, extensions: Mapping[str, Any] | None) -> str | None:
        """The document to run: the one named by id, else the text sent. Refuses an
        id that is not the text's hash, an unknown id sent alone, and (enforced)
        any text not in the list.
        """
        document_id = _document_id(extensions)
        if document_id is not None and query and sha256(query) != document_id:
            raise PersistedQueryMismatchError
        document = self._by_id.get(document_id) if document_id is not None else self.find(query)
        if document is not None:
            return document.body
        if document_id is not None and not query:
            raise PersistedQueryNotFoundError
        if self.enforced and query:
            raise PersistedQueryNotInListError
        return query

    def __len__(self) -> int:
        return len(self._by_id)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _document_id(extensions: Mapping[str, Any] | None) -> str | None:
    """Apollo's `extensions.persistedQuery.sha256Hash`, if sent."""
    persisted = extensions.get("persistedQuery") if extensions else None
    if not isinstance(persisted, dict) or "sha256Hash" not in persisted:
        return None
    return str(persisted["sha256Hash"]).lower()


def _prepare(operation: Mapping[str, Any], schema: Schema, settings: GraphQLSettings) -> TrustedDocument:
    name, body = str(operation["name"]), str(operation["body"])
    if operation["id"] != sha256(body):
        raise InvalidTrustedDocumentsError(f"{name}: id is not the sha256 of its body; regenerate the manifest")
    document = parse(body, max_tokens=settings.max_tokens)
    errors = validate_document(schema._schema, document, schema.validation_rules())
    if errors:
        raise InvalidTrustedDocumentsError(f"{name}: {errors[0].message}")
    plan = plan_operation(schema._schema, document, name, max_list_items=settings.max_list_items)
    if plan.list_bounds.literal_error is not None:
        raise InvalidTrustedDocumentsError(f"{name}: {plan.list_bounds.literal_error.message}")
    return TrustedDocument(id=operation["id"], name=name, body=body, document=document, plan=plan)


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


def read_manifest(path: Path = MANIFEST_PATH) -> dict[str, Any]:
    manifest: dict[str, Any] = json.loads(path.read_text())
    return manifest


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
            print(f"{MANIFEST_PATH} is stale: run python -m api.graphql.trusted_documents", file=sys.stderr)
            return 1
        return 0
    MANIFEST_PATH.write_text(text)
    print(f"{MANIFEST_PATH.name}: {len(manifest['operations'])} operations", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
