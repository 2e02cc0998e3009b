"""The per-request (or per-socket) context every resolver receives."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, TypeAlias

import strawberry
from starlette.requests import HTTPConnection
from strawberry.fastapi import BaseContext

from api.graphql.core.errors import AccountDeletionPendingError, OnboardingRequiredError, UnauthenticatedError
from api.graphql.core.loaders import Loaders
from api.runtime import ApiRuntime
from domain.crisis import UNKNOWN_MEMBER, SupportProfile
from domain.identity import Identity
from domain.members import get_member, sign_in_ended
from infra.firebase import TokenCheckUnavailableError, TokenRejectedError
from schemas.documents.members import MemberDocument

if TYPE_CHECKING:
    from domain.clock import Clock
    from infra.mongo.repositories.registry import Repositories

_AUTH_MESSAGES = {
    "missing": "Sign in to continue.",
    "malformed": "The Authorization header must be 'Bearer <Firebase ID token>'.",
    "invalid": "The sign-in token is not valid. Sign in again.",
    "expired": "The sign-in token has expired. Sign in again.",
    "revoked": "This sign-in has been ended. Sign in again.",
    "disabled": "This account is disabled.",
    "unavailable": "Sign-in could not be checked just now. Try again shortly.",
}


class Context(BaseContext):
    """Who is asking, and the process's services. Loaders are per request;
    over a socket they live as long as the connection, so subscriptions must
    build fresh ones per event (pitfall S2).
    """

    def __init__(self, runtime: ApiRuntime) -> None:
        super().__init__()
        self.runtime = runtime
        self.loaders = Loaders(runtime.repos)
        self.identity: Identity | None = None
        self.auth_failure = "missing"
        self._member: asyncio.Future[MemberDocument | None] | None = None

    @property
    def repos(self) -> Repositories:
        return self.runtime.repos

    @property
    def clock(self) -> Clock:
        return self.runtime.clock

    @property
    def auth_message(self) -> str:
        return _AUTH_MESSAGES[self.auth_failure]

    async def authenticate(self, authorization: str | None) -> None:
        """Verify `Bearer <token>`; on failure leave `identity` unset and record why."""
        if not authorization:
            return
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            self.auth_failure = "malformed"
            return
        try:
            verified = await self.runtime.tokens.verify(token.strip())
        except TokenRejectedError as error:
            self.auth_failure = error.reason
            return
        except TokenCheckUnavailableError:
            self.auth_failure = "unavailable"
            return
        self.identity = Identity.from_claims(verified.uid, verified.claims)

    def require_identity(self) -> Identity:
        if self.identity is None:
            raise UnauthenticatedError(self.auth_message)
        return self.identity

    async def require_member(self) -> MemberDocument:
        member = await self.member()
        if member is None:
            raise OnboardingRequiredError("Finish setting up your profile first (memberOnboard).")
        if member.deletion_requested_at is not None:
            raise AccountDeletionPendingError("Your account is waiting to be deleted. Restore it to carry on.")
        return member

    async def member(self) -> MemberDocument | None:
        """The signed-in member, read once per request (or per socket). A sign-in the member has
        ended (by deleting their account) is UNAUTHENTICATED here, on every replica at once,
        whatever the token cache says.
        """
        if self.identity is None:
            return None
        if self._member is None:
            # Shared by root fields resolving at once, so the member is read once, not once per field.
            self._member = asyncio.ensure_future(self._read_member(self.identity))
        member = await self._member
        if member is not None and sign_in_ended(member, self.identity):
            self.auth_failure = "revoked"
            raise UnauthenticatedError(self.auth_message)
        return member

    async def _read_member(self, identity: Identity) -> MemberDocument | None:
        member = await get_member(repos=self.repos, identity=identity)
        if member is not None:
            self.runtime.profiles.remember(identity.firebase_uid, member)
        return member

    def support_profile(self) -> SupportProfile:
        """Whose helplines to show, without waiting: the member read in this request, else
        as this process last read them, else nobody in particular (every nation's lines).
        """
        read = self._member
        if read is not None and read.done() and not read.cancelled() and read.exception() is None:
            member = read.result()
            if member is not None:
                return SupportProfile.of(member)
        return self.runtime.profiles.get(self.identity.firebase_uid) if self.identity else UNKNOWN_MEMBER


Info: TypeAlias = strawberry.Info[Context, None]


async def get_context(connection: HTTPConnection) -> Context:
    """FastAPI dependency: runs per HTTP request, and once per WebSocket."""
    context = Context(connection.app.state.runtime)
    if connection.scope["type"] == "http":
        await context.authenticate(connection.headers.get("authorization"))
    return context
