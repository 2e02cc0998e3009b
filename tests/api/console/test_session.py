"""Signing in to the staff console: the session cookie's attributes and rules (expired, revoked,
another project's, an old sign-in), CSRF on every form, and the Content-Security-Policy.
"""

from __future__ import annotations

import asyncio
import time

import pytest

from tests.factories.checkins import checked_in
from tests.factories.console import SESSION_COOKIE, console_client, sign_in
from tests.factories.members import TestMember as Person
from tests.factories.members import onboarded_member
from tests.fixtures.app import GraphQLClient, RunningApi
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.changes import Changes
from tests.support.console_tokens import unsigned_id_token, unsigned_session_cookie

HIGH_RISK = "I want to kill myself"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self' http://{auth}; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


@pytest.fixture(scope="module")
async def officer(gql: GraphQLClient, auth_emulator: AuthEmulator) -> Person:
    return await onboarded_member(gql, auth_emulator, displayName="Officer", claims={"safeguarding": True})


async def test_a_signed_in_officer_gets_a_strict_http_only_session_cookie_and_their_screen(
    api: RunningApi, auth_emulator: AuthEmulator, officer: Person
) -> None:
    async with console_client(api.base_url) as console:
        # When the officer signs in with Firebase and trades the ID token for a session
        fresh = await auth_emulator.sign_in(officer.user)
        response = await console.start_session(fresh.token)

        # Then the cookie is HttpOnly, SameSite=Strict, for /console only, not Secure in the test environment
        assert response.status_code == 204
        cookie = response.headers["set-cookie"]
        assert cookie.startswith(f"{SESSION_COOKIE}=")
        attributes = {part.strip().split("=")[0].lower() for part in cookie.split(";")[1:]}
        assert attributes == {"httponly", "max-age", "path", "samesite"}
        assert "Path=/console" in cookie
        assert "SameSite=strict" in cookie
        assert "Max-Age=28800" in cookie
        # And it opens the safeguarding screen, with the officer's name
        screen = await console.get("/console/safeguarding")
        assert screen.status_code == 200
        assert "Officer" in screen.text


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        pytest.param(lambda uid: unsigned_session_cookie(uid, expires_in=-3_600), "expired", id="expired"),
        pytest.param(
            lambda uid: unsigned_session_cookie(uid, expires_in=3_600, project="demo-another"),
            "invalid",
            id="another-project",
        ),
        pytest.param(lambda uid: "not-a-cookie", "invalid", id="garbage"),
    ],
)
async def test_a_session_cookie_that_does_not_count_sends_the_person_to_sign_in_and_is_cleared(
    api: RunningApi, officer: Person, make: object, reason: str
) -> None:
    async with console_client(api.base_url) as console:
        console.http.cookies.set(SESSION_COOKIE, make(officer.user.uid), path="/console")  # type: ignore[operator]
        response = await console.get("/console/safeguarding")
    assert response.status_code == 303
    assert response.headers["location"] == f"/console/sign-in?reason={reason}"
    assert f'{SESSION_COOKIE}=""' in response.headers["set-cookie"]
    assert "Officer" not in response.text


async def test_a_revoked_session_ends_at_once(api: RunningApi, gql: GraphQLClient, auth_emulator: AuthEmulator) -> None:
    person = await onboarded_member(gql, auth_emulator, displayName="Revoked", claims={"safeguarding": True})
    async with console_client(api.base_url) as console:
        await sign_in(console, auth_emulator, person.user)
        assert (await console.get("/console/safeguarding")).status_code == 200
        # Revocation is to the second: revoke in the next one, so the session is strictly before it
        await asyncio.sleep(1.01 - time.time() % 1)
        await auth_emulator.revoke(person.user.uid)
        response = await console.get("/console/safeguarding")
    assert response.status_code == 303
    assert response.headers["location"] == "/console/sign-in?reason=revoked"


async def test_a_session_starts_only_from_a_recent_sign_in(api: RunningApi, officer: Person) -> None:
    async with console_client(api.base_url) as console:
        old = await console.start_session(unsigned_id_token(officer.user.uid, signed_in_ago=3_600))
        other = await console.start_session(unsigned_id_token(officer.user.uid, signed_in_ago=10, project="demo-x"))
        assert (old.status_code, old.json()) == (401, {"error": "stale"})
        assert (other.status_code, other.json()) == (401, {"error": "invalid"})
        assert SESSION_COOKIE not in console.http.cookies


async def test_a_session_is_not_started_without_the_csrf_token(
    api: RunningApi, auth_emulator: AuthEmulator, officer: Person
) -> None:
    async with console_client(api.base_url) as console:
        fresh = await auth_emulator.sign_in(officer.user)
        response = await console.http.post("/console/session", json={"idToken": fresh.token})
    assert response.status_code == 403
    assert SESSION_COOKIE not in response.headers.get("set-cookie", "")


async def test_a_form_without_the_csrf_token_is_refused_and_changes_nothing(
    api: RunningApi, gql: GraphQLClient, auth_emulator: AuthEmulator, officer: Person, changes: Changes
) -> None:
    # Given an open alert
    member = await onboarded_member(gql, auth_emulator, displayName="Kit")
    check_in = await checked_in(gql, member, mood=1, note=HIGH_RISK)
    alert = await api.runtime.db.safeguarding_alerts.find_one({"source_id": check_in["id"]})
    assert alert is not None
    async with console_client(api.base_url) as console:
        await sign_in(console, auth_emulator, officer.user)
        path = f"/console/safeguarding/alerts/{alert['_id']}/acknowledge"
        before = await changes.mark()
        # When the form comes without the token, or with another
        missing = await console.http.post(path, data={})
        wrong = await console.post(path, csrf="x" * 43)
        # Then both are refused, and nothing was written
        assert (missing.status_code, wrong.status_code) == (403, 403)
        assert "nothing was done" in missing.text
        assert await changes.since(before) == []
        # And with it, the alert is taken
        taken = await console.post(path)
        assert (taken.status_code, taken.headers["location"]) == (303, "/console/safeguarding?notice=alert_acknowledge")
    stored = await api.runtime.db.safeguarding_alerts.find_one({"_id": alert["_id"]})
    assert stored is not None
    assert (stored["status"], stored["acknowledged_by"]) == ("acknowledged", officer.id)


async def test_every_console_response_carries_the_strict_content_security_policy(
    api: RunningApi, auth_emulator: AuthEmulator, officer: Person
) -> None:
    expected = CSP.format(auth=api.runtime.settings.firebase.auth_emulator_host)
    async with console_client(api.base_url) as console:
        sign_in_page = await console.get("/console/sign-in")
        static = await console.get("/console/static/console.css")
        await sign_in(console, auth_emulator, officer.user)
        screen = await console.get("/console/safeguarding")
    for response in (sign_in_page, static, screen):
        assert response.headers["content-security-policy"] == expected
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["x-content-type-options"] == "nosniff"
    # And no page holds an inline script or style for the policy to have to allow
    for page in (sign_in_page.text, screen.text):
        assert "<script>" not in page
        assert " style=" not in page
        assert "<style" not in page


async def test_a_firebase_user_who_has_not_onboarded_is_told_to_finish_in_the_app(
    api: RunningApi, auth_emulator: AuthEmulator
) -> None:
    user = await auth_emulator.sign_up(claims={"safeguarding": True})
    async with console_client(api.base_url) as console:
        await sign_in(console, auth_emulator, user)
        response = await console.get("/console/safeguarding")
    assert response.status_code == 403
    assert "Finish setting up your profile in the app first." in response.text
