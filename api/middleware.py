"""ASGI middleware for every HTTP request: a request id, a body limit and a body deadline, no caching."""

from __future__ import annotations

import asyncio
import json
import uuid
from urllib.parse import unquote_to_bytes

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from infra.logging import request_id


class RequestGuard:
    """Give each request a random id (logged, returned as X-Request-ID), refuse
    bodies over `max_body_bytes` with 413 before reading them, answer 408 to a body
    that has not all arrived `body_timeout_seconds` after the first read (one shorter
    than its Content-Length would hold the connection for ever), and mark every
    response `Cache-Control: private, no-store` (ANON-13).
    """

    def __init__(self, app: ASGIApp, *, max_body_bytes: int, body_timeout_seconds: float) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.body_timeout_seconds = body_timeout_seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = uuid.uuid4().hex
        token = request_id.set(rid)
        try:
            if self._declared_length(scope) > self.max_body_bytes:
                raise BodyTooLargeError
            if not _utf8(unquote_to_bytes(scope.get("query_string", b""))):
                await _refuse(send, 400, "The URL's query is not valid UTF-8.", "BAD_REQUEST")
                return
            await self.app(scope, self._limited(receive), self._with_headers(send, rid))
        except BodyTooLargeError:
            await _refuse(send, 413, f"Request body over {self.max_body_bytes} bytes.", "PAYLOAD_TOO_LARGE")
        except BodyTooSlowError:
            message = f"The request body did not arrive within {self.body_timeout_seconds:g} s."
            await _refuse(send, 408, message, "REQUEST_TIMEOUT")
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
        """Also count a chunked body, which declares no length; and time the whole body
        from the first read, so a client sending a byte now and then cannot keep it open.
        """
        received = 0
        deadline: float | None = None
        complete = False

        async def limited() -> Message:
            nonlocal received, deadline, complete
            if complete:  # after the body, receive() waits for the client to go: never time that
                return await receive()
            deadline = deadline or asyncio.get_running_loop().time() + self.body_timeout_seconds
            try:
                async with asyncio.timeout_at(deadline):
                    message = await receive()
            except TimeoutError:
                raise BodyTooSlowError from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                complete = not message.get("more_body", False)
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


def _utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class BodyTooLargeError(Exception):
    """A chunked body grew past the limit while being read."""


class BodyTooSlowError(Exception):
    """The body had not all arrived by its deadline."""


async def _refuse(send: Send, status: int, message: str, code: str) -> None:
    body = json.dumps({"errors": [{"message": message, "extensions": {"code": code}}]}).encode()
    headers = [(b"content-type", b"application/json")]
    if status == 408:  # the rest of the body may still come: the connection cannot carry another request
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
