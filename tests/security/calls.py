"""Calling any root field the way the app does (its own operation from the
trusted-documents manifest), and reading the outcome: OK, a top-level error's
code, or a mutation's typed error code.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from dataclasses import dataclass
from functools import cache
from typing import Any

import httpx
import websockets
from graphql import parse
from websockets.exceptions import ConnectionClosed

from api.graphql.execution.operation_plan import root_fields
from api.graphql.execution.trusted_documents import read_manifest
from tests.fixtures.app import GraphQLClient

MASKED = "MASKED"
CLOSE_CODES = {4403: "UNAUTHENTICATED"}


@cache
def operation_for(root: str, field: str) -> str:
    """The body of the app's first operation that asks for exactly this root field."""
    for operation in read_manifest()["operations"]:
        fields = root_fields(parse(operation["body"]), operation["name"])
        if fields.root == root and field in dict(fields.counts):
            body: str = operation["body"]
            return body
    raise AssertionError(f"no app operation uses {root} {field}")


def outcome_of(body: dict[str, Any], field: str) -> str:
    """OK, the first top-level error's code (MASKED for a masked one), or a typed error's code."""
    if body.get("errors"):
        error = body["errors"][0]
        code: str = error.get("extensions", {}).get("code", MASKED if error["message"] == "Unexpected error." else "")
        return code or f"GRAPHQL_ERROR: {error['message']}"
    result = (body.get("data") or {}).get(field)
    if isinstance(result, dict) and result.get("__typename", "").endswith("Error"):
        typed: str = result["code"]
        return typed
    return "OK"


def without_locations(body: dict[str, Any]) -> dict[str, Any]:
    """The body with each error's `path` and `locations` left out: what a uniform denial compares."""
    errors = [{k: v for k, v in e.items() if k not in {"path", "locations"}} for e in body.get("errors", [])]
    return {**body, "errors": errors} if errors else body


@dataclass(frozen=True)
class Caller:
    """The API over HTTP (queries, mutations) and its socket (subscriptions)."""

    gql: GraphQLClient
    ws_url: str

    async def __call__(self, root: str, field: str, token: str | None, variables: dict[str, Any]) -> dict[str, Any]:
        """The whole response body (over the socket for a subscription: its first message's payload)."""
        document = operation_for(root, field)
        arguments = {"input": variables} if root == "mutation" else variables
        if root == "subscription":
            return await subscribe_once(self.ws_url, document, token, arguments)
        return await self.gql(document, arguments, token=token)


async def subscribe_once(ws_url: str, document: str, token: str | None, variables: dict[str, Any]) -> dict[str, Any]:
    """Subscribe and wait briefly: an error's payload as `errors`, or `{"data": …}` (empty if nothing came)."""
    async with websockets.connect(ws_url, subprotocols=[websockets.Subprotocol("graphql-transport-ws")]) as socket:
        payload = {"authorization": f"Bearer {token}"} if token else {}
        await socket.send(json.dumps({"type": "connection_init", "payload": payload}))
        try:
            ack = json.loads(await socket.recv())
        except ConnectionClosed as closed:
            # Refused at connection_init (no token, or a bad one): 4403, the socket's UNAUTHENTICATED.
            code = closed.rcvd.code if closed.rcvd else None
            return {"errors": [{"message": "closed", "extensions": {"code": CLOSE_CODES.get(code, f"CLOSED_{code}")}}]}
        assert ack == {"type": "connection_ack"}, ack
        await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": document,
                                                                               "variables": variables}}))  # fmt: skip
        with contextlib.suppress(TimeoutError):
            message = json.loads(await asyncio.wait_for(socket.recv(), timeout=0.5))
            if message["type"] == "error":
                return {"errors": message["payload"]}
            if message["type"] == "next":
                result: dict[str, Any] = message["payload"]
                return result
        return {"data": {}}


async def post(gql: GraphQLClient, query: str, variables: dict[str, Any], token: str | None) -> httpx.Response:
    """POST as the app does, but with JSON's \\u escapes, which carry even lone surrogates."""
    body = json.dumps({"query": query, "variables": variables}).encode()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    return await gql.http.post("/graphql", content=body, headers=headers)
