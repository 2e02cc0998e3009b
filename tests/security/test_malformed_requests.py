"""Malformed requests, below GraphQL (issue 13, item 8): bodies that are not a JSON object,
that are not UTF-8 or nest without end, a URL query that is not UTF-8, and a body that never
finishes arriving. Each is a 400 (or 408) that says what is wrong, never a 500, and nothing
runs: the bodies carry a real member's check-in, which is never stored.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from api.main import create_app
from infra.mongo.client import Database
from infra.settings import GraphQLSettings, Settings
from tests.factories.checkins import check_in_operation
from tests.factories.members import TestMember as Person
from tests.factories.members import onboarded_member
from tests.fixtures.app import GraphQLClient, served
from tests.fixtures.auth import AuthEmulator

NOT_AN_OBJECT = 'The request body must be a JSON object: {"query": "...", "variables": {...}}.'
NOT_UTF8 = "The request body is not valid UTF-8."
TOO_DEEP = "The request body nests more than 32 levels deep."
JSON = {"Content-Type": "application/json"}


@pytest.fixture(scope="module")
async def member(gql: GraphQLClient, auth_emulator: AuthEmulator) -> Person:
    return await onboarded_member(gql, auth_emulator)


def check_in(note: str = "a good day") -> bytes:
    variables = {"input": {"mood": 4, "idempotencyKey": str(uuid.uuid4()), "note": note}}
    return json.dumps({"query": check_in_operation("CheckInSubmit"), "variables": variables}).encode()


async def refused(
    http: httpx.AsyncClient, member: Person, db: Database, body: bytes, *, url: str = "/graphql"
) -> httpx.Response:
    """POST `body` as the member; what came back, after checking nothing was stored."""
    before = await db.checkins.count_documents({"member_id": member.id})
    headers = JSON | {"Authorization": f"Bearer {member.token}"}
    response = await http.post(url, content=body, headers=headers)
    assert await db.checkins.count_documents({"member_id": member.id}) == before
    return response


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"null", NOT_AN_OBJECT),
        (b"42", NOT_AN_OBJECT),
        (b'"{ me { id } }"', NOT_AN_OBJECT),
        (b"true", NOT_AN_OBJECT),
        (check_in("caf\u00e9").replace(b"caf\\u00e9", b"caf\xe9"), NOT_UTF8),  # Latin-1, not UTF-8, in a variable
        (check_in().replace(b"mutation CheckInSubmit", b"mutation Check\xffInSubmit"), NOT_UTF8),  # in the query
        (b"[" * 10_000 + b"]" * 10_000, TOO_DEEP),
        (check_in().replace(b'"a good day"', b'{"a":' * 10_000 + b"1" + b"}" * 10_000), TOO_DEEP),
    ],
    ids=["null", "number", "string", "boolean", "latin-1 variable", "latin-1 query", "deep array", "deep variable"],
)
async def test_a_body_a_client_got_wrong_is_a_400_that_says_how(
    http: httpx.AsyncClient, member: Person, db: Database, body: bytes, message: str
) -> None:
    response = await refused(http, member, db, body)

    assert (response.status_code, response.text) == (400, message)


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20))


@hypothesis_settings(hypothesis_settings.get_profile("security"))
@given(value=scalars)
async def test_any_json_that_is_not_an_object_is_a_400(
    http: httpx.AsyncClient, member: Person, db: Database, value: Any
) -> None:
    response = await refused(http, member, db, json.dumps(value).encode())

    assert (response.status_code, response.text) == (400, NOT_AN_OBJECT)


@hypothesis_settings(hypothesis_settings.get_profile("security"))
@given(junk=st.binary(min_size=1, max_size=8).filter(lambda raw: not _is_utf8(raw)), depth=st.integers(33, 20_000))
async def test_any_invalid_utf8_or_any_depth_past_the_parser_is_a_400(
    http: httpx.AsyncClient, member: Person, db: Database, junk: bytes, depth: int
) -> None:
    not_utf8 = await refused(http, member, db, check_in().replace(b"a good day", b"a good " + junk))
    too_deep = await refused(http, member, db, b"[" * depth + b"]" * depth)

    assert (not_utf8.status_code, not_utf8.text) == (400, NOT_UTF8)
    assert (too_deep.status_code, too_deep.text) == (400, TOO_DEEP)


async def test_a_url_query_that_is_not_utf8_is_a_400(http: httpx.AsyncClient, member: Person, db: Database) -> None:
    response = await refused(http, member, db, check_in(), url="/graphql?from=caf%E9")  # Latin-1

    assert response.status_code == 400
    assert response.json() == {
        "errors": [{"message": "The URL's query is not valid UTF-8.", "extensions": {"code": "BAD_REQUEST"}}]
    }


async def test_a_body_shorter_than_its_content_length_is_cut_off_with_a_408(settings: Settings) -> None:
    # Given an API that waits half a second for a request's body
    app = create_app(settings.model_copy(update={"graphql": GraphQLSettings(body_timeout_seconds=0.5)}))
    async with served(app) as port:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        # When a client declares 100 bytes and sends 26
        head = b"POST /graphql HTTP/1.1\r\nHost: api\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
        writer.write(head + b'{"query": "{ __typename }"')
        # Then it is told so, and the connection is closed (read() returns at the close)
        answer = await asyncio.wait_for(reader.read(), timeout=10)
        writer.close()

    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.split(b"\r\n")[0] == b"HTTP/1.1 408 Request Timeout"
    assert b"connection: close" in head.lower()
    assert (
        b'{"message": "The request body did not arrive within 0.5 s.", "extensions": {"code": "REQUEST_TIMEOUT"}}'
        in body
    )


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
