"""Who may call a field. Object-level rules live in each domain's policies.py."""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission

from api.graphql.core.context import Info
from api.graphql.core.errors import ForbiddenError
from domain.identity import Scope
from domain.organisations import staffing_of
from schemas.documents.org_roles import OrgRole


class IsAuthenticated(BasePermission):
    """A verified Firebase ID token came with the request (or the socket's init)."""

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        info.context.require_identity()
        return True


class IsMember(BasePermission):
    """Signed in and onboarded: most of the API is about the member's own data."""

    async def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        info.context.require_identity()
        await info.context.require_member()
        return True


class WritesWhatMayNeedHelp(IsAuthenticated):
    """Signed in; the member is read later, inside the crisis answer's write deadline
    (api/graphql/safety/answers.py), so a slow store cannot hold back their helplines.
    For mutations that take words or a mood that may call for support (CRISIS-3).
    """


class _HasScope(BasePermission):
    scope: Scope

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        if self.scope not in info.context.require_identity().scopes:
            raise ForbiddenError("This is for staff only.")
        return True


class IsAdmin(_HasScope):
    scope = Scope.ADMIN


class IsSafeguarding(_HasScope):
    scope = Scope.SAFEGUARDING


class IsStaff(BasePermission):
    """Either staff claim: `admin` (runs groups) or `safeguarding` (handles risk)."""

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        if not info.context.require_identity().is_staff:
            raise ForbiddenError("This is for staff only.")
        return True


class IsPublic(BasePermission):
    """Open to anyone, signed in or not: declared, so the schema walk can tell
    a deliberate public field from a forgotten check.
    """

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return True


class HandlesAlerts(BasePermission):
    """Safeguarding officers: the platform's (`safeguarding` claim) for every group, or an organisation's
    (its `org_safeguarding` role, read now) for the groups it hosts. Alerts, break-glass and reaching a
    member (staffThreadStart) all take it; which object in which group is the domain's rule, and another
    organisation's object is NOT_FOUND like a missing one.
    """

    async def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        context = info.context
        if Scope.SAFEGUARDING in context.require_identity().scopes:
            return True
        member = await context.require_member()
        staffing = await staffing_of(repos=context.repos, member_id=member.id)
        if not staffing.organisations_with(OrgRole.ORG_SAFEGUARDING):
            raise ForbiddenError("This is for staff only.")
        return True
