"""Console sessions made as the page makes them: a browser-less staff console client that signs in (Firebase,
exchange) and sends each form with the CSRF token, keeping its own cookies.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx

from tests.fixtures.auth import AuthEmulator, AuthUser

CSRF_COOKIE = "console_csrf"
SESSION_COOKIE = "console_session"


@dataclass
class ConsoleClient:
    http: httpx.AsyncClient

    @property
    def csrf(self) -> str:
        return self.http.cookies.get(CSRF_COOKIE, path="/console") or ""

    async def get(self, path: str, **params: Any) -> httpx.Response:
        return await self.http.get(path, params=params)

    async def post(self, path: str, data: dict[str, str] | None = None, *, csrf: str | None = None) -> httpx.Response:
        """A form as the page sends it: with the CSRF token unless `csrf` says otherwise."""
        return await self.http.post(path, data={"csrf": self.csrf if csrf is None else csrf, **(data or {})})

    async def start_session(self, id_token: str) -> httpx.Response:
        return await self.http.post("/console/session", json={"idToken": id_token}, headers={"X-CSRF-Token": self.csrf})


@asynccontextmanager
async def console_client(base_url: str) -> AsyncIterator[ConsoleClient]:
    """A client that has loaded the sign-in page (so it holds a CSRF cookie), signed in as nobody."""
    async with httpx.AsyncClient(base_url=base_url, timeout=30, follow_redirects=False) as http:
        yield await opened(http)


async def opened(http: httpx.AsyncClient) -> ConsoleClient:
    """`http` (an in-process app's client, say) as a console client that has loaded the sign-in page."""
    response = await http.get("/console/sign-in")
    assert response.status_code == 200, response.text
    return ConsoleClient(http)


async def sign_in(client: ConsoleClient, auth_emulator: AuthEmulator, user: AuthUser) -> None:
    """Sign in afresh on the emulator and start a console session with that ID token."""
    fresh = await auth_emulator.sign_in(user)
    response = await client.start_session(fresh.token)
    assert response.status_code == 204, response.text


def form_token(html: str) -> str:
    """The CSRF token a page put in its forms."""
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found is not None
    return found.group(1)
