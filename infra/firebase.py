"""firebase-admin: one App per process, and ID-token verification for the API."""

from __future__ import annotations

import asyncio
import hashlib
import os
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import firebase_admin
from firebase_admin import auth, credentials, exceptions

from infra.settings import FirebaseSettings

APP_NAME = "wellbeing"
_TOKEN_CACHE_SIZE = 10_000
_CLOCK_SKEW_SECONDS = 5


def get_or_create_app(settings: FirebaseSettings) -> firebase_admin.App:
    """The process's firebase-admin App; a second call returns the first (FB14)."""
    if settings.auth_emulator_host:
        # firebase-admin reads the emulator address only from the environment.
        os.environ["FIREBASE_AUTH_EMULATOR_HOST"] = settings.auth_emulator_host
    try:
        return firebase_admin.get_app(APP_NAME)
    except ValueError:
        pass
    credential: credentials.Base | None = None
    if settings.credentials_file is not None:
        credential = credentials.Certificate(str(settings.credentials_file))
    options = {"projectId": settings.project_id, "httpTimeout": settings.http_timeout_seconds}
    return firebase_admin.initialize_app(credential, options, name=APP_NAME)


@dataclass(frozen=True)
class VerifiedToken:
    """The claims of an ID token that passed verification."""

    uid: str
    claims: dict[str, Any]
    expires_at: float


class TokenRejectedError(Exception):
    """The token is missing, malformed, expired, revoked or for another project."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class TokenCheckUnavailableError(Exception):
    """Google's keys or the user record could not be fetched: not the member's fault."""


class TokenVerifier:
    """Verifies Firebase ID tokens, including revocation, with a short per-process cache.

    The revocation check is a network call, so a verified token is trusted for
    `token_cache_seconds` (never past its expiry) before it is checked again.
    """

    def __init__(self, app: firebase_admin.App, *, cache_seconds: int) -> None:
        self._app = app
        self._cache_seconds = cache_seconds
        self._cache: OrderedDict[str, VerifiedToken] = OrderedDict()

    async def verify(self, token: str) -> VerifiedToken:
        key = hashlib.sha256(token.encode()).hexdigest()
        cached = self._cache.get(key)
        now = time.time()
        if cached is not None and cached.expires_at > now:
            self._cache.move_to_end(key)
            return cached
        verified = await asyncio.to_thread(self._verify_now, token)
        expires_at = min(verified.expires_at, now + self._cache_seconds)
        self._remember(key, VerifiedToken(verified.uid, verified.claims, expires_at))
        return verified

    def _remember(self, key: str, verified: VerifiedToken) -> None:
        self._cache[key] = verified
        if len(self._cache) > _TOKEN_CACHE_SIZE:
            self._cache.popitem(last=False)

    def _verify_now(self, token: str) -> VerifiedToken:
        """Signature and claims first (local), then revocation (a lookup of the user)."""
        claims = self._call(auth.verify_id_token, token, check_revoked=False)
        expires_at = float(claims["exp"])
        # firebase-admin skips the expiry check against the emulator; check it here too.
        if expires_at + _CLOCK_SKEW_SECONDS < time.time():
            raise TokenRejectedError("expired")
        self._call(auth.verify_id_token, token, check_revoked=True)
        return VerifiedToken(uid=claims["uid"], claims=claims, expires_at=expires_at)

    def _call(self, verify: Callable[..., dict[str, Any]], token: str, *, check_revoked: bool) -> dict[str, Any]:
        try:
            return verify(token, app=self._app, check_revoked=check_revoked, clock_skew_seconds=_CLOCK_SKEW_SECONDS)
        except auth.ExpiredIdTokenError as error:
            raise TokenRejectedError("expired") from error
        except auth.RevokedIdTokenError as error:
            raise TokenRejectedError("revoked") from error
        except auth.UserDisabledError as error:
            raise TokenRejectedError("disabled") from error
        except auth.UserNotFoundError as error:  # the Firebase user was deleted
            raise TokenRejectedError("invalid") from error
        except auth.CertificateFetchError as error:
            raise TokenCheckUnavailableError(str(error)) from error
        except (auth.InvalidIdTokenError, ValueError) as error:
            raise TokenRejectedError("invalid") from error
        except exceptions.FirebaseError as error:
            # The revocation lookup failed for a reason other than the token.
            raise TokenCheckUnavailableError(str(error)) from error


class SessionCookies:
    """Firebase session cookies for the staff console: made from a fresh ID token, and checked,
    revocation included, on every request (a desk's pace; no cache, so a revoked session ends at once).
    """

    def __init__(self, app: firebase_admin.App) -> None:
        self._app = app

    async def create(self, id_token: str, *, lifetime_seconds: int, max_sign_in_age_seconds: int) -> str:
        """A session cookie for a recently signed-in ID token (a stolen old token cannot start a session)."""
        claims = await asyncio.to_thread(self._check_id_token, id_token, check_revoked=False)
        if time.time() - float(claims.get("auth_time", 0)) > max_sign_in_age_seconds:
            raise TokenRejectedError("stale")
        await asyncio.to_thread(self._check_id_token, id_token, check_revoked=True)
        try:
            cookie = await asyncio.to_thread(
                auth.create_session_cookie, id_token, timedelta(seconds=lifetime_seconds), app=self._app
            )
        except (auth.InvalidIdTokenError, ValueError) as error:
            raise TokenRejectedError("invalid") from error
        except exceptions.FirebaseError as error:
            raise TokenCheckUnavailableError(str(error)) from error
        return cookie.decode() if isinstance(cookie, bytes) else str(cookie)

    async def verify(self, cookie: str) -> VerifiedToken:
        """The cookie's claims, or TokenRejectedError (expired, revoked, another project's, disabled)."""
        return await asyncio.to_thread(self._verify_now, cookie)

    async def revoke(self, uid: str) -> None:
        """Sign out everywhere: every session cookie and refresh token of `uid` stops working."""
        try:
            await asyncio.to_thread(auth.revoke_refresh_tokens, uid, app=self._app)
        except auth.UserNotFoundError:
            return

    def _check_id_token(self, id_token: str, *, check_revoked: bool) -> dict[str, Any]:
        claims = _rejections(auth.verify_id_token, id_token, app=self._app, check_revoked=check_revoked,
                             clock_skew_seconds=_CLOCK_SKEW_SECONDS)  # fmt: skip
        if float(claims["exp"]) + _CLOCK_SKEW_SECONDS < time.time():  # not checked against the emulator
            raise TokenRejectedError("expired")
        return claims

    def _verify_now(self, cookie: str) -> VerifiedToken:
        claims = _rejections(auth.verify_session_cookie, cookie, app=self._app, check_revoked=True,
                             clock_skew_seconds=_CLOCK_SKEW_SECONDS)  # fmt: skip
        expires_at = float(claims["exp"])
        if expires_at + _CLOCK_SKEW_SECONDS < time.time():  # firebase-admin skips this against the emulator
            raise TokenRejectedError("expired")
        return VerifiedToken(uid=claims["uid"], claims=claims, expires_at=expires_at)


def _rejections(verify: Callable[..., dict[str, Any]], token: str, **options: Any) -> dict[str, Any]:
    """`verify(token)`, its refusals as TokenRejectedError (the reason) or TokenCheckUnavailableError."""
    try:
        return verify(token, **options)
    except (auth.ExpiredIdTokenError, auth.ExpiredSessionCookieError) as error:
        raise TokenRejectedError("expired") from error
    except (auth.RevokedIdTokenError, auth.RevokedSessionCookieError) as error:
        raise TokenRejectedError("revoked") from error
    except auth.UserDisabledError as error:
        raise TokenRejectedError("disabled") from error
    except auth.UserNotFoundError as error:
        raise TokenRejectedError("invalid") from error
    except auth.CertificateFetchError as error:
        raise TokenCheckUnavailableError(str(error)) from error
    except (auth.InvalidIdTokenError, auth.InvalidSessionCookieError, ValueError) as error:
        raise TokenRejectedError("invalid") from error
    except exceptions.FirebaseError as error:
        raise TokenCheckUnavailableError(str(error)) from error


class FirebaseAccounts:
    """The Firebase user behind a member: signing them out everywhere, and deleting them."""

    def __init__(self, app: firebase_admin.App) -> None:
        self._app = app

    async def revoke_sessions(self, uid: str) -> None:
        """Revoke every refresh token: their sessions end once their ID tokens are next checked."""
        try:
            await asyncio.to_thread(auth.revoke_refresh_tokens, uid, app=self._app)
        except auth.UserNotFoundError:
            return  # already gone: nothing left to sign out

    async def delete_user(self, uid: str) -> None:
        """Delete the Firebase user; one already deleted counts as done (the purge may run twice)."""
        try:
            await asyncio.to_thread(auth.delete_user, uid, app=self._app)
        except auth.UserNotFoundError:
            return
