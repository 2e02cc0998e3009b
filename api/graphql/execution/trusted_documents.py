"""Trusted documents (GQL-2): the operations the mobile app sends, and nothing else
in production.

The app's operations live in `schemas/graphql/operations/*.graphql`;
`python -m api.cli.trusted_documents` writes them to `schemas/graphql/trusted-documents.json`
(Apollo's persisted-query manifest format: each operation's sha256 `id`, `name`,
`type` and `body`, its fragments included).

A request names its document by id, as Apollo clients do,
`{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "<id>"}}}` (no
`query`, so less to send), or sends the manifest's `body` as its `query`.
In production nothing else runs; in development and test any document runs,
and ids still resolve. Every document is parsed, validated and planned once
at start-up and executed from that cache.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

import strawberry
from graphql import ASTValidationRule, DocumentNode, parse, specified_rules
from strawberry.extensions import AddValidationRules, SchemaExtension
from strawberry.schema.schema import validate_document

from api.graphql.core.errors import (
    PersistedQueryMismatchError,
    PersistedQueryNotFoundError,
    PersistedQueryNotInListError,
)
from api.graphql.execution.operation_plan import OperationPlan, plan_operation
from infra.settings import GraphQLSettings

GRAPHQL_DIR = Path(__file__).resolve().parents[3] / "schemas" / "graphql"
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
    def load(
        cls, manifest: Mapping[str, Any], schema: strawberry.Schema, settings: GraphQLSettings, *, enforced: bool
    ) -> Self:
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


def validation_rules(schema: strawberry.Schema) -> tuple[type[ASTValidationRule], ...]:
    """Every rule a request is validated with: graphql's own and the limits'."""
    extensions = [ext if isinstance(ext, SchemaExtension) else ext() for ext in schema.extensions]
    added = (rule for ext in extensions if isinstance(ext, AddValidationRules) for rule in ext.validation_rules)
    return (*specified_rules, *added)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _document_id(extensions: Mapping[str, Any] | None) -> str | None:
    """Apollo's `extensions.persistedQuery.sha256Hash`, if sent."""
    persisted = extensions.get("persistedQuery") if extensions else None
    if not isinstance(persisted, dict) or "sha256Hash" not in persisted:
        return None
    return str(persisted["sha256Hash"]).lower()


def _prepare(operation: Mapping[str, Any], schema: strawberry.Schema, settings: GraphQLSettings) -> TrustedDocument:
    name, body = str(operation["name"]), str(operation["body"])
    if operation["id"] != sha256(body):
        raise InvalidTrustedDocumentsError(f"{name}: id is not the sha256 of its body; regenerate the manifest")
    document = parse(body, max_tokens=settings.max_tokens)
    errors = validate_document(schema._schema, document, validation_rules(schema))
    if errors:
        raise InvalidTrustedDocumentsError(f"{name}: {errors[0].message}")
    plan = plan_operation(schema._schema, document, name, max_list_items=settings.max_list_items)
    if plan.list_bounds.literal_error is not None:
        raise InvalidTrustedDocumentsError(f"{name}: {plan.list_bounds.literal_error.message}")
    return TrustedDocument(id=operation["id"], name=name, body=body, document=document, plan=plan)


def read_manifest(path: Path = MANIFEST_PATH) -> dict[str, Any]:
    manifest: dict[str, Any] = json.loads(path.read_text())
    return manifest
