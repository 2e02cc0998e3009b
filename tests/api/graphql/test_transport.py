"""The HTTP and WebSocket edges of /graphql."""

from __future__ import annotations

import json

import httpx
import pytest
import websockets
from websockets.exceptions import ConnectionClosed, InvalidStatus

from tests.fixtures.app import RunningApi
from tests.fixtures.auth import AuthEmulator


async def test_queries_over_get_are_refused(http: httpx.AsyncClient) -> None:
    response = await http.get("/graphql", params={"query": "{ __typename }"})
    assert response.status_code in {400, 405}
    assert "__typename" not in response.text


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/plain", '{"query": "{ __typename }"}'),
        ("application/x-www-form-urlencoded", "query=%7B__typename%7D"),
        (
            "multipart/form-data; boundary=x",
            '--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ __typename }\r\n--x--',
        ),
    ],
)
async def test_non_json_posts_are_refused(http: httpx.AsyncClient, content_type: str, body: str) -> None:
    # Simple content types would let another site's form post a mutation (CSRF).
    response = await http.post("/graphql", content=body, headers={"Content-Type": content_type})
    assert 400 <= response.status_code < 500
    assert '"__typename"' not in response.text


async def test_every_response_is_private_and_carries_a_request_id(http: httpx.AsyncClient) -> None:
    response = await http.post("/graphql", json={"query": "{ __typename }"})
    assert response.json() == {"data": {"__typename": "Query"}}
    assert response.headers["cache-control"] == "private, no-store"
    assert len(response.headers["x-request-id"]) == 32


async def test_a_body_over_the_limit_is_refused_before_it_is_read(http: httpx.AsyncClient) -> None:
    padding = "x" * (64 * 1024)
    response = await http.post("/graphql", json={"query": "{ __typename }", "variables": {"pad": padding}})
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"


async def test_a_chunked_body_over_the_limit_is_refused(http: httpx.AsyncClient) -> None:
    async def chunks():  # type: ignore[no-untyped-def]
        yield b'{"query": "{ __typename }", "variables": {"pad": "'
        for _ in range(70):
            yield b"x" * 1024
        yield b'"}}'

    response = await http.post("/graphql", content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413


async def test_the_legacy_graphql_ws_protocol_is_refused(api: RunningApi) -> None:
    # Its handler once accepted `start` before `connection_init` (an auth bypass).
    async def try_legacy() -> None:
        async with websockets.connect(api.ws_url, subprotocols=[websockets.Subprotocol("graphql-ws")]) as socket:
            await socket.send(json.dumps({"type": "connection_init", "payload": {}}))
            await socket.recv()

    with pytest.raises((InvalidStatus, ConnectionClosed)):
        await try_legacy()


async def test_a_socket_without_a_valid_token_is_closed_at_init(api: RunningApi) -> None:
    async with websockets.connect(api.ws_url, subprotocols=[websockets.Subprotocol("graphql-transport-ws")]) as socket:
        await socket.send(json.dumps({"type": "connection_init", "payload": {"authorization": "Bearer nope"}}))
        with pytest.raises(ConnectionClosed) as closed:
            await socket.recv()
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 4403


async def test_a_socket_with_a_valid_token_is_acknowledged(api: RunningApi, auth_emulator: AuthEmulator) -> None:
    user = await auth_emulator.sign_up()
    async with websockets.connect(api.ws_url, subprotocols=[websockets.Subprotocol("graphql-transport-ws")]) as socket:
        await socket.send(json.dumps({"type": "connection_init", "payload": {"authorization": f"Bearer {user.token}"}}))
        assert json.loads(await socket.recv()) == {"type": "connection_ack"}
