"""ASGI middleware for every HTTP request: a request id, a body limit, no caching."""

from __future__ import annotations

import json
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from infra.logging import request_id


class RequestGuard:
    """Give each request a random id (logged, returned as X-Request-ID), refuse
    bodies over `max_body_bytes` with 413 before reading them, and mark every
    response `Cache-Control: private, no-store` (ANON-13).
    """

    def __init__(self, app: ASGIApp, *, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = uuid.uuid4().hex
        token = request_id.set(rid)
        try:
            if self._declared_length(scope) > self.max_body_bytes:
                await _too_large(send, self.max_body_bytes)
                return
            await self.app(scope, self._limited(receive), self._with_headers(send, rid))
        except BodyTooLargeError:
            await _too_large(send, self.max_body_bytes)
        finally:
            request_id.reset(token)

    @staticmethod
    def _declared_length(scope: Scope) -> int:
        for name, value in scope["headers"]:
            if name == b"content-length":
                try:
                    return int(value)
                except ValueError:
                    return 0
        return 0

    def _limited(self, receive: Receive) -> Receive:
        """Also count a chunked body, which declares no length."""
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    raise BodyTooLargeError
            return message

        return limited

    @staticmethod
    def _with_headers(send: Send, rid: str) -> Send:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"cache-control", b"private, no-store"), (b"x-request-id", rid.encode())]
                message = {**message, "headers": headers}
            await send(message)

        return with_headers


class BodyTooLargeError(Exception):
    """A chunked body grew past the limit while being read."""


async def _too_large(send: Send, limit: int) -> None:
    body = json.dumps(
        {"errors": [{"message": f"Request body over {limit} bytes.", "extensions": {"code": "PAYLOAD_TOO_LARGE"}}]}
    ).encode()
    await send({"type": "http.response.start", "status": 413, "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": body})
