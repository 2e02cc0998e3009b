"""Who may do what in an organisation: pure rules over the roles a person holds.

Roles are read from `org_roles` on each request (`staffing_of`), never from a token, so a
revoked role stops at once. Platform staff (the `admin` claim) act on every organisation.
An organisation a person holds no role in is invisible to them: refused exactly like a
missing one (GQL-12), so staff of another organisation learn nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from domain.errors import HiddenError, NotPermittedError
from schemas.documents.org_roles import OrgRole, OrgRoleDocument


class OrgAction(StrEnum):
    VIEW = "view"  # the organisation, its hosted groups and their moderation
    MANAGE_STAFF = "manage_staff"  # grant and revoke roles, list staff
    HOST = "host"  # host or stop hosting groups
    HANDLE_ALERTS = "handle_alerts"  # the safeguarding alerts of its groups; the rota
    MANAGE_ROTA = "manage_rota"  # who is on call when
    MANAGE_SERVICES = "manage_services"  # its local services: the feed's address, importing now
    MANAGE_TEXTING = "manage_texting"  # its monthly text budget
    VIEW_ON_CALL = "view_on_call"  # the console's on-call screen: who is on call when


_ACTIONS: dict[OrgRole, frozenset[OrgAction]] = {
    OrgRole.ORG_STAFF: frozenset({OrgAction.VIEW}),
    OrgRole.ORG_SAFEGUARDING: frozenset({OrgAction.VIEW, OrgAction.HANDLE_ALERTS, OrgAction.VIEW_ON_CALL}),
    OrgRole.ORG_ADMIN: frozenset(
        {
            OrgAction.VIEW,
            OrgAction.MANAGE_STAFF,
            OrgAction.HOST,
            OrgAction.MANAGE_ROTA,
            OrgAction.MANAGE_SERVICES,
            OrgAction.MANAGE_TEXTING,
            OrgAction.VIEW_ON_CALL,
        }
    ),
}


@dataclass(frozen=True)
class Staffing:
    """The roles one person holds, by organisation; `platform_admin` from the `admin` claim."""

    roles: tuple[tuple[str, frozenset[OrgRole]], ...] = ()
    platform_admin: bool = False

    @classmethod
    def of(cls, held: Iterable[OrgRoleDocument], *, platform_admin: bool = False) -> Staffing:
        by_org: dict[str, set[OrgRole]] = {}
        for role in held:
            by_org.setdefault(role.organisation_id, set()).add(role.role)
        return cls(roles=tuple((org, frozenset(r)) for org, r in sorted(by_org.items())), platform_admin=platform_admin)

    def roles_in(self, organisation_id: str | None) -> frozenset[OrgRole]:
        found = next((roles for org, roles in self.roles if org == organisation_id), None)
        return found or frozenset()

    def holds(self, organisation_id: str | None, role: OrgRole) -> bool:
        return role in self.roles_in(organisation_id)

    def staffs(self, organisation_id: str | None) -> bool:
        """Holds any role in the organisation: its groups are theirs to read."""
        return bool(self.roles_in(organisation_id))

    def organisations_with(self, role: OrgRole) -> list[str]:
        return [org for org, roles in self.roles if role in roles]

    @property
    def organisations(self) -> list[str]:
        return [org for org, _ in self.roles]

    def may(self, organisation_id: str | None, action: OrgAction) -> bool:
        return any(action in _ACTIONS[role] for role in self.roles_in(organisation_id))


NO_STAFFING = Staffing()


def authorize(staffing: Staffing, organisation_id: str, action: OrgAction) -> None:
    """HiddenError for an organisation the person has no part in, NotPermittedError when their role
    does not allow `action`. Platform admins may do everything but handle alerts (that is for
    safeguarding staff, who have their own claim).
    """
    if staffing.platform_admin and action is not OrgAction.HANDLE_ALERTS:
        return
    if not staffing.staffs(organisation_id) and not staffing.platform_admin:
        raise HiddenError(organisation_id)
    if not staffing.may(organisation_id, action):
        raise NotPermittedError(f"{action} needs a different role in this organisation.")
