"""Every /console response's security headers, and the CSRF cookie (issued once, read by every form).

The Content-Security-Policy allows no inline script or style at all: scripts and styles are files
under /console/static; the sign-in page may also call Firebase Authentication (`connect-src`).
"""

from __future__ import annotations

import re
import secrets
from http.cookies import SimpleCookie

from starlette.types import ASGIApp, Message, Receive, Scope, Send

PREFIX = "/console"
CSRF_COOKIE = "console_csrf"
_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{43}$")


def content_security_policy(auth_origin: str) -> str:
    return "; ".join((
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        f"connect-src 'self' {auth_origin}",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ))  # fmt: skip


# A chart is an image: nothing in it runs, and matplotlib's SVG styles its shapes inline.
IMAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'"


class ConsoleHeaders:
    """For /console paths: CSP and the other browser hardening headers on every response, and
    a random CSRF token in a cookie when the browser has none (in `scope["state"]["csrf"]` for forms).
    """

    def __init__(self, app: ASGIApp, *, secure: bool, auth_origin: str) -> None:
        self.app = app
        self.secure = secure
        self.policy = content_security_policy(auth_origin).encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if scope["type"] != "http" or not (path == PREFIX or path.startswith(PREFIX + "/")):
            await self.app(scope, receive, send)
            return
        token = _csrf_cookie(scope)
        fresh = token is None
        token = token or secrets.token_urlsafe(32)
        scope.setdefault("state", {})["csrf"] = token
        policy = IMAGE_POLICY.encode() if path.endswith(".svg") else self.policy

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [*message.get("headers", []), *self._headers(policy)]
                if fresh:
                    headers.append((b"set-cookie", self._cookie(token).encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)

    @staticmethod
    def _headers(policy: bytes) -> list[tuple[bytes, bytes]]:
        return [
            (b"content-security-policy", policy),
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"no-referrer"),
            (b"cross-origin-opener-policy", b"same-origin"),
            (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
        ]

    def _cookie(self, token: str) -> str:
        secure = "; Secure" if self.secure else ""
        return f"{CSRF_COOKIE}={token}; Path={PREFIX}; HttpOnly; SameSite=Strict{secure}"


def _csrf_cookie(scope: Scope) -> str | None:
    for name, value in scope["headers"]:
        if name == b"cookie":
            jar: SimpleCookie = SimpleCookie()
            jar.load(value.decode("latin-1"))
            morsel = jar.get(CSRF_COOKIE)
            if morsel is not None and _TOKEN_SHAPE.match(morsel.value):
                return morsel.value
    return None
