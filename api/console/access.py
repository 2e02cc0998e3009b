"""Who is at the desk: the session cookie checked on every request, and the roles each screen needs.

The rules are GraphQL's: staff screens need the same Firebase claims as the staff fields
(`IsSafeguarding`, `IsStaff`), everyone must be an onboarded member whose sign-in still counts
(`IsMember`), and object-level rules stay in the domain's policies, called by the same use cases.
The safeguarding screen admits an organisation's safeguarding officers too (`HandlesAlerts`): their
org_safeguarding roles are read on every request, like GraphQL's, so a revoked role stops at once.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request

from api.console.errors import NotForYouError, SignInNeededError
from api.console.limits import charge
from api.runtime import ApiRuntime
from domain.audit import Actor
from domain.groups import Viewer as GroupViewer
from domain.identity import Identity, Scope
from domain.members import get_member, sign_in_ended
from domain.organisations import staffing_of
from domain.shares import AnonymityKey, Reader
from infra.firebase import TokenCheckUnavailableError, TokenRejectedError
from schemas.documents.members import MemberDocument
from schemas.documents.org_roles import OrgRole

SESSION_COOKIE = "console_session"


@dataclass(frozen=True)
class ConsoleViewer:
    """The signed-in person, as each context's use cases take them."""

    identity: Identity
    member: MemberDocument
    key: AnonymityKey
    now: datetime
    org_safeguarding: tuple[str, ...] = ()  # the organisations where they hold org_safeguarding now

    @property
    def reader(self) -> Reader:
        return Reader.of(self.member, self.identity, self.key)

    @property
    def group_viewer(self) -> GroupViewer:
        return GroupViewer.of(self.member, self.identity, now=self.now)

    @property
    def actor(self) -> Actor:
        return Actor(member_id=self.member.id, identity=self.identity)

    @property
    def is_safeguarding(self) -> bool:
        return Scope.SAFEGUARDING in self.identity.scopes

    @property
    def is_safeguarding_officer(self) -> bool:
        """The platform's safeguarding staff, or an organisation's (for its hosted groups: the domain's rule)."""
        return self.is_safeguarding or bool(self.org_safeguarding)

    @property
    def is_staff(self) -> bool:
        return self.identity.is_staff


def runtime_of(request: Request) -> ApiRuntime:
    runtime: ApiRuntime = request.app.state.runtime
    return runtime


async def signed_in(request: Request) -> ConsoleViewer:
    """The session cookie's person, checked with Firebase (revocation included) on every request."""
    runtime = runtime_of(request)
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        raise SignInNeededError("missing")
    try:
        verified = await runtime.sessions.verify(cookie)
    except TokenRejectedError as error:
        raise SignInNeededError(error.reason) from None
    except TokenCheckUnavailableError:
        raise SignInNeededError("unavailable") from None
    identity = Identity.from_claims(verified.uid, verified.claims)
    await charge(request, runtime, identity)
    member = await get_member(repos=runtime.repos, identity=identity)
    if member is None:
        raise NotForYouError("Finish setting up your profile in the app first.")
    if sign_in_ended(member, identity):
        raise SignInNeededError("revoked")
    if member.deletion_requested_at is not None:
        raise NotForYouError("Your account is waiting to be deleted.")
    key = AnonymityKey.of(runtime.settings.anonymity_key.get_secret_value())
    staffing = await staffing_of(repos=runtime.repos, member_id=member.id)
    return ConsoleViewer(
        identity=identity, member=member, key=key, now=runtime.clock.now(),
        org_safeguarding=tuple(staffing.organisations_with(OrgRole.ORG_SAFEGUARDING)),
    )  # fmt: skip


def _needing(check: Callable[[ConsoleViewer], bool], message: str) -> Callable[..., Awaitable[ConsoleViewer]]:
    async def dependency(viewer: Annotated[ConsoleViewer, Depends(signed_in)]) -> ConsoleViewer:
        if not check(viewer):
            raise NotForYouError(message)
        return viewer

    return dependency


# The roles a route declares by its viewer's type (tests/api/console/routes.py lists each route's).
Member = Annotated[ConsoleViewer, Depends(signed_in)]
Safeguarding = Annotated[
    ConsoleViewer,
    Depends(_needing(lambda viewer: viewer.is_safeguarding_officer, "This is for safeguarding staff only.")),
]
Staff = Annotated[ConsoleViewer, Depends(_needing(lambda viewer: viewer.is_staff, "This is for staff only."))]
