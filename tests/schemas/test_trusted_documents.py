"""The trusted-documents manifest: current, complete, and refused when broken."""

from __future__ import annotations

from pathlib import Path

import pytest
from graphql import parse

from api.cli.trusted_documents import build_manifest, main, manifest_text
from api.graphql.execution.operation_plan import root_fields
from api.graphql.execution.rate_limits import META_FIELDS, OPERATION_TYPES
from api.graphql.execution.trusted_documents import (
    MANIFEST_PATH,
    InvalidTrustedDocumentsError,
    TrustedDocuments,
    read_manifest,
    sha256,
)
from api.graphql.schema import build_schema
from infra.settings import GraphQLSettings

PROFILE = "fragment P on Member { id displayName }"


def _used_root_fields() -> set[tuple[str, str]]:
    used = set()
    for operation in read_manifest()["operations"]:
        fields = root_fields(parse(operation["body"]), operation["name"])
        used |= {(fields.root, name) for name, _ in fields.counts if name not in META_FIELDS}
    return used


def test_the_committed_manifest_matches_the_operations_folder() -> None:
    assert MANIFEST_PATH.read_text() == manifest_text(build_manifest()), (
        "run `uv run python -m api.cli.trusted_documents` and commit the result"
    )
    assert main(["--check"]) == 0


def test_every_root_field_is_used_by_an_app_operation() -> None:
    # A field the app never sends would be refused in production: add its operation
    # to schemas/graphql/operations/ (or drop the field).
    schema = build_schema(GraphQLSettings(), production=False)._schema
    roots = {operation: getattr(schema, f"{operation}_type") for operation in OPERATION_TYPES}
    declared = {(operation, field) for operation, root in roots.items() if root for field in root.fields}
    assert declared - _used_root_fields() == set()
    assert {("query", "me"), ("mutation", "memberOnboard"), ("mutation", "memberUpdate")} <= declared


def test_operations_with_an_exempt_field_ask_for_nothing_else() -> None:
    # An exempt field (the crisis resources) is only exempt in an operation of its
    # own: mixed with others, the whole operation would be rate limited.
    exempt = build_schema(GraphQLSettings(), production=False).rate_limit_policies.exempt_fields()
    for operation in read_manifest()["operations"]:
        fields = root_fields(parse(operation["body"]), operation["name"])
        named = {(fields.root, name) for name, _ in fields.counts if name not in META_FIELDS}
        assert not (named & exempt) or named <= exempt, operation["name"]


def _write(folder: Path, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "app.graphql").write_text(text)
    return folder


def test_each_operation_carries_the_fragments_it_spreads(tmp_path: Path) -> None:
    folder = _write(tmp_path / "ops", f"query A {{ me {{ ...P }} }}\nquery B {{ me {{ id }} }}\n{PROFILE}")
    [a, b] = build_manifest(folder)["operations"]
    assert a == {
        "id": sha256(a["body"]),
        "name": "A",
        "type": "query",
        "body": "query A {\n  me {\n    ...P\n  }\n}\n\nfragment P on Member {\n  id\n  displayName\n}",
    }
    assert b["body"] == "query B {\n  me {\n    id\n  }\n}"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("query A { me { id } }\nquery A { me { id } }", "A is defined twice"),
        ("query A { me { ...Missing } }", "fragment Missing is not defined"),
        ("{ me { id } }", "only named operations and fragments"),
        ("query A { me { nope } }", "A: Cannot query field 'nope'"),
        ("query A { __schema { types { name } } }", "A: GraphQL introspection has been disabled"),
    ],
)
def test_a_broken_operations_folder_is_refused(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(InvalidTrustedDocumentsError, match=message):
        build_manifest(_write(tmp_path / "ops", text))


def test_start_up_refuses_a_manifest_whose_ids_do_not_match() -> None:
    manifest = read_manifest()
    tampered = {**manifest, "operations": [{**manifest["operations"][0], "body": "query Me { me { id } }"}]}
    settings = GraphQLSettings()
    with pytest.raises(InvalidTrustedDocumentsError, match="id is not the sha256 of its body"):
        TrustedDocuments.load(tampered, build_schema(settings, production=True), settings, enforced=True)


def test_start_up_refuses_an_operation_the_schema_no_longer_has() -> None:
    body = "query Gone { me { shoeSize } }"
    manifest = {
        "format": "apollo-persisted-query-manifest",
        "version": 1,
        "operations": [{"id": sha256(body), "name": "Gone", "type": "query", "body": body}],
    }
    settings = GraphQLSettings()
    with pytest.raises(InvalidTrustedDocumentsError, match="Gone: Cannot query field 'shoeSize'"):
        TrustedDocuments.load(manifest, build_schema(settings, production=True), settings, enforced=True)
