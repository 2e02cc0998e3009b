"""Reading organisations: whose staff a person is, an organisation, its staff and groups, a group's host.

Other contexts ask here: `staffing_of` (checked on each request), `host_of` (a group's host),
`staff_with_role` (who in an organisation holds a role), `organisations_staffed`.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.errors import HiddenError
from domain.organisations.policies import OrgAction, Staffing, authorize
from infra.mongo.repositories.registry import Repositories
from schemas.documents.groups import GroupDocument
from schemas.documents.org_roles import OrgRole, OrgRoleDocument
from schemas.documents.organisations import OrganisationDocument

HOSTED_MAX = 1_000  # groups one organisation's staff are shown at once


@dataclass(frozen=True)
class Membership:
    """An organisation and the roles the viewer holds in it."""

    organisation: OrganisationDocument
    roles: frozenset[OrgRole]


async def staffing_of(*, repos: Repositories, member_id: str, platform_admin: bool = False) -> Staffing:
    """Every role the member holds now: one indexed query."""
    return Staffing.of(await repos.org_roles.for_member(member_id), platform_admin=platform_admin)


async def organisations_staffed(*, repos: Repositories, member_id: str, role: OrgRole | None = None) -> list[str]:
    """The ids of the organisations the member staffs (with `role`, when given)."""
    staffing = await staffing_of(repos=repos, member_id=member_id)
    return staffing.organisations_with(role) if role else staffing.organisations


async def get_organisation(*, repos: Repositories, staffing: Staffing, organisation_id: str) -> OrganisationDocument:
    """An organisation its staff (or a platform admin) may see; missing and not theirs look alike."""
    organisation = await repos.organisations.get(organisation_id)
    if organisation is None:
        raise HiddenError(organisation_id)
    authorize(staffing, organisation_id, OrgAction.VIEW)
    return organisation


async def my_organisations(*, repos: Repositories, staffing: Staffing) -> list[Membership]:
    """The organisations the viewer holds a role in, by name."""
    found = await repos.organisations.get_many(staffing.organisations)
    return sorted(
        (Membership(organisation=o, roles=staffing.roles_in(o.id)) for o in found),
        key=lambda m: (m.organisation.name.casefold(), m.organisation.id),
    )


async def organisation_staff(*, repos: Repositories, staffing: Staffing, organisation_id: str) -> list[OrgRoleDocument]:
    """Who holds which role: for the organisation's admins (and platform admins)."""
    await get_organisation(repos=repos, staffing=staffing, organisation_id=organisation_id)
    authorize(staffing, organisation_id, OrgAction.MANAGE_STAFF)
    return await repos.org_roles.in_organisation(organisation_id)


async def hosted_groups(*, repos: Repositories, staffing: Staffing, organisation_id: str) -> list[GroupDocument]:
    """The groups an organisation hosts, by name, for its staff."""
    await get_organisation(repos=repos, staffing=staffing, organisation_id=organisation_id)
    return await repos.groups.hosted_by([organisation_id], limit=HOSTED_MAX)


async def groups_handled_by(*, repos: Repositories, staffing: Staffing, role: OrgRole) -> list[str]:
    """The ids of the groups hosted by every organisation where the person holds `role`."""
    organisations = staffing.organisations_with(role)
    if not organisations:
        return []
    return [g.id for g in await repos.groups.hosted_by(organisations, limit=HOSTED_MAX)]


async def host_of(*, repos: Repositories, group: GroupDocument) -> OrganisationDocument | None:
    """The organisation hosting the group; None when it is unhosted."""
    return await repos.organisations.get(group.host_organisation_id) if group.host_organisation_id else None


async def staff_with_role(*, repos: Repositories, organisation_id: str, role: OrgRole) -> list[OrgRoleDocument]:
    """Everyone holding `role` in the organisation, oldest appointment first."""
    return await repos.org_roles.in_organisation(organisation_id, roles=(role,))
