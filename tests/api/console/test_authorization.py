"""The console's authorisation matrix: every route of the app under /console is in
`tests/api/console/routes.py` with the role it needs, and each route answers each role as that
role's entry says (a refusal writing nothing), like the GraphQL matrix in tests/security/.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack

import pytest
from fastapi.routing import APIRoute, iter_route_contexts

from api.main import create_app
from infra.settings import Environment, Settings
from tests.api.console.routes import ADMITS, ROLES, ROUTES
from tests.factories.console import SESSION_COOKIE, ConsoleClient, console_client, sign_in
from tests.factories.groups import created_group
from tests.factories.members import TestMember as Person
from tests.factories.members import onboarded_member
from tests.factories.organisations import created_organisation, granted
from tests.fixtures.app import GraphQLClient, RunningApi
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.changes import Changes

# What an admitted caller gets where it is not a page (GET 200) or the domain's NOT FOUND (a POST on an id).
ADMITTED = {
    ("POST", "/console/session"): 422,  # reached: no ID token in the body
    ("POST", "/console/sign-out"): 303,
}
# Every form field any console form takes, filled in (a form missing one would be a 422 before any rule).
FORM = {
    "decision": "approve", "appeal": "reject", "reason": "Checked with the group.",
    "note": "Called them; they are safe.",
}  # fmt: skip


def console_routes() -> set[tuple[str, str]]:
    """Every (method, path) the app serves under /console, its included routers flattened."""
    app = create_app(Settings(environment=Environment.TEST))
    return {
        (method, route.path)
        for route in iter_route_contexts(app.routes)
        if isinstance(route.original_route, APIRoute) and route.path and route.path.startswith("/console")
        for method in route.methods or ()
    }


def test_every_console_route_has_an_entry_in_the_registry() -> None:
    assert console_routes() == set(ROUTES)


def test_the_registry_names_known_roles_only() -> None:
    assert set(ROUTES.values()) <= set(ADMITS)
    assert all(admitted <= set(ROLES) for admitted in ADMITS.values())


@pytest.fixture(scope="module")
async def callers(
    api: RunningApi, gql: GraphQLClient, auth_emulator: AuthEmulator
) -> AsyncIterator[dict[str, tuple[ConsoleClient, str]]]:
    """A signed-in console client per role (and its session cookie, to restore after a sign-out)."""
    claims = {"admin": {"admin": True}, "safeguarding": {"safeguarding": True}}
    async with AsyncExitStack() as stack:
        found: dict[str, tuple[ConsoleClient, str]] = {}
        admin: Person | None = None
        org_admin: tuple[Person, str] | None = None  # the org_admin caller and their organisation
        for role in ROLES:
            client = await stack.enter_async_context(console_client(api.base_url))
            if role == "org_admin":
                assert admin is not None
                person = await onboarded_member(gql, auth_emulator, displayName="Org admin")
                org_admin = (person, await created_organisation(gql, admin, person))
                await sign_in(client, auth_emulator, person.user)
            elif role == "org_safeguarding":
                assert org_admin is not None
                person = await onboarded_member(gql, auth_emulator, displayName="Org safeguarding")
                await granted(gql, org_admin[0], org_admin[1], person, "ORG_SAFEGUARDING")
                await sign_in(client, auth_emulator, person.user)
            elif role != "anonymous":
                person = await onboarded_member(gql, auth_emulator, displayName=role.title(), claims=claims.get(role))
                if role == "lead":
                    await created_group(gql, person)
                if role == "admin":
                    admin = person
                await sign_in(client, auth_emulator, person.user)
            found[role] = (client, client.http.cookies.get(SESSION_COOKIE, path="/console") or "")
        yield found


# Path parameters that are not ids take a valid value.
VALUES = {"{kind}": "share", "{action}": "hide", "{name}.svg": "active.svg"}


def _concrete(path: str) -> str:
    """The path with every id parameter an id that names nothing."""
    parts = [VALUES.get(part, str(uuid.uuid4())) if part.startswith("{") else part for part in path.split("/")]
    return "/".join(parts)


def _expected(method: str, path: str, role: str) -> int:
    if role not in ADMITS[ROUTES[(method, path)]]:
        return 303 if role == "anonymous" else 403
    return ADMITTED.get((method, path), 200 if method == "GET" else 404)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path"), sorted(ROUTES))
async def test_each_route_answers_each_role_as_the_registry_says(
    callers: dict[str, tuple[ConsoleClient, str]], changes: Changes, method: str, path: str, role: str
) -> None:
    client, session = callers[role]
    if session:  # a sign-out in an earlier case cleared it from this client
        client.http.cookies.set(SESSION_COOKIE, session, path="/console")
    before = await changes.mark()
    response = await (client.get(_concrete(path)) if method == "GET" else client.post(_concrete(path), FORM))
    expected = _expected(method, path, role)
    assert response.status_code == expected, response.text[:500]
    if expected == 303 and path != "/console/sign-out":
        assert response.headers["location"] == "/console/sign-in?reason=missing"
    if expected in (303, 403) and path != "/console/sign-out":
        assert await changes.since(before) == []
