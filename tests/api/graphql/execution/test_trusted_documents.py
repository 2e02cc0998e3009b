"""Trusted documents over HTTP: production runs only the app's operations, by
text or by id; development runs anything and still resolves ids (GQL-2).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest

from api.graphql.execution.trusted_documents import read_manifest, sha256
from api.main import app_schema, create_app
from infra.mongo.client import Database
from infra.settings import Environment, Settings
from tests.factories.members import onboarded_member
from tests.fixtures.app import GraphQLClient, in_process
from tests.fixtures.auth import AuthEmulator

DOCUMENTS = {operation["name"]: operation for operation in read_manifest()["operations"]}
UNKNOWN_ID = "0" * 64


def _by_id(name: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    """What an Apollo client sends for a persisted operation: its id, no text."""
    persisted = {"version": 1, "sha256Hash": DOCUMENTS[name]["id"]}
    return {"variables": variables or {}, "extensions": {"persistedQuery": persisted}}


@pytest.fixture(scope="module")
async def production(settings: Settings) -> AsyncIterator[Callable[[str], httpx.AsyncClient]]:
    # model_copy skips the production checks on purpose: the services are the emulators.
    app = create_app(settings.model_copy(update={"environment": Environment.PRODUCTION}))
    async with in_process(app) as client:
        yield client


async def _post(client: httpx.AsyncClient, body: dict[str, Any], token: str | None = None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return await client.post("/graphql", json=body, headers=headers)


async def test_production_refuses_a_document_that_is_not_the_apps(
    production: Callable[[str], httpx.AsyncClient],
) -> None:
    response = await _post(production("127.0.0.1"), {"query": "{ __typename }"})
    assert response.status_code == 403
    assert response.json() == {
        "data": None,
        "errors": [
            {
                "message": "Only the app's own operations are accepted.",
                "extensions": {"code": "PERSISTED_QUERY_NOT_IN_LIST"},
            }
        ],
    }


async def test_production_refuses_a_reformatted_copy_of_an_apps_document(
    production: Callable[[str], httpx.AsyncClient], gql: GraphQLClient, auth_emulator: AuthEmulator
) -> None:
    member = await onboarded_member(gql, auth_emulator)
    squashed = " ".join(DOCUMENTS["Me"]["body"].split())
    response = await _post(production("127.0.0.1"), {"query": squashed}, member.token)
    assert response.status_code == 403
    assert response.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_IN_LIST"


async def test_production_runs_a_registered_document_sent_as_text(
    production: Callable[[str], httpx.AsyncClient], gql: GraphQLClient, auth_emulator: AuthEmulator
) -> None:
    member = await onboarded_member(gql, auth_emulator, displayName="Robin")
    response = await _post(production("127.0.0.1"), {"query": DOCUMENTS["Me"]["body"]}, member.token)
    assert response.status_code == 200
    me = response.json()["data"]["me"]
    assert (me["id"], me["displayName"]) == (member.id, "Robin")


async def test_production_runs_a_document_sent_by_its_id_alone(
    production: Callable[[str], httpx.AsyncClient], gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database
) -> None:
    # Given a member, when the app sends only the mutation's id and its variables
    member = await onboarded_member(gql, auth_emulator, displayName="Robin")
    body = _by_id("MemberUpdate", {"input": {"displayName": "Robin Hart"}})
    response = await _post(production("127.0.0.1"), body, member.token)

    # Then it ran, as if the text had been sent
    assert response.status_code == 200
    result = response.json()["data"]["memberUpdate"]
    assert (result["__typename"], result["member"]["displayName"]) == ("MemberUpdateSuccess", "Robin Hart")
    stored = await db.members.find_one({"_id": member.id})
    assert stored is not None
    assert stored["display_name"] == "Robin Hart"


async def test_an_id_with_its_own_text_runs_when_they_agree(
    production: Callable[[str], httpx.AsyncClient], gql: GraphQLClient, auth_emulator: AuthEmulator
) -> None:
    member = await onboarded_member(gql, auth_emulator)
    response = await _post(production("127.0.0.1"), {**_by_id("Me"), "query": DOCUMENTS["Me"]["body"]}, member.token)
    assert response.json()["data"]["me"]["id"] == member.id


async def test_an_unknown_id_gets_a_typed_error_and_runs_nothing(
    production: Callable[[str], httpx.AsyncClient], http: httpx.AsyncClient
) -> None:
    body = {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": UNKNOWN_ID}}}
    expected = {
        "data": None,
        "errors": [
            {
                "message": "No operation has this id. Update the app, or send the document.",
                "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"},
            }
        ],
    }
    for client in (production("127.0.0.1"), http):  # production, and the development API
        response = await _post(client, body)
        assert response.status_code == 404
        assert response.json() == expected


async def test_an_id_sent_with_other_text_is_refused(
    production: Callable[[str], httpx.AsyncClient], http: httpx.AsyncClient
) -> None:
    body = {**_by_id("Me"), "query": "{ __typename }"}
    for client in (production("127.0.0.1"), http):
        response = await _post(client, body)
        assert response.status_code == 400
        assert response.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_MISMATCH"


async def test_an_unknown_id_with_its_text_runs_in_development_only(
    production: Callable[[str], httpx.AsyncClient], http: httpx.AsyncClient
) -> None:
    # What an Apollo client retries with after PERSISTED_QUERY_NOT_FOUND.
    text = "{ __typename }"
    body = {"query": text, "extensions": {"persistedQuery": {"version": 1, "sha256Hash": sha256(text)}}}
    assert (await _post(http, body)).json() == {"data": {"__typename": "Query"}}
    refused = await _post(production("127.0.0.1"), body)
    assert refused.status_code == 403
    assert refused.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_IN_LIST"


async def test_development_runs_any_document_and_resolves_ids(
    http: httpx.AsyncClient, gql: GraphQLClient, auth_emulator: AuthEmulator
) -> None:
    member = await onboarded_member(gql, auth_emulator)
    free_form = await _post(http, {"query": "{ __typename me { id } }"}, member.token)
    assert free_form.json() == {"data": {"__typename": "Query", "me": {"id": member.id}}}
    by_id = await _post(http, _by_id("Me"), member.token)
    assert by_id.json()["data"]["me"]["id"] == member.id


async def test_the_schema_itself_refuses_other_documents_in_production(settings: Settings) -> None:
    # The same rule guards operations that do not come through the HTTP router (the socket).
    schema = app_schema(settings.model_copy(update={"environment": Environment.PRODUCTION}))
    refused = await schema.execute("{ __typename }")
    assert refused.data is None
    assert refused.errors is not None
    assert [error.extensions for error in refused.errors] == [{"code": "PERSISTED_QUERY_NOT_IN_LIST"}]
    trusted = await schema.execute(DOCUMENTS["Me"]["body"])
    assert trusted.errors is not None
    # Past the guard, it ran `me` (which fails here only because no request brought a context).
    assert [error.path for error in trusted.errors] == [["me"]]
