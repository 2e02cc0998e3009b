"""Running organisations: platform staff create one and appoint its first admin; its admins
manage staff and host groups.

Hosting is one conditional update on the group's single `host_organisation_id` field (from the
host it had when read), so two hosts can never both take a group.
"""

from __future__ import annotations

from datetime import datetime

from domain.errors import HiddenError, NotPermittedError
from domain.organisations.errors import OrganisationError, OrganisationErrorCode
from domain.organisations.policies import OrgAction, Staffing, authorize
from domain.organisations.reading import get_organisation
from domain.organisations.validation import OrganisationDraft, checked_draft, clean_email
from infra.mongo.repositories.org_roles import OrgRoleExistsError
from infra.mongo.repositories.registry import Repositories
from schemas.documents.base import new_id
from schemas.documents.groups import GroupDocument
from schemas.documents.memberships import GroupRole, MembershipStatus
from schemas.documents.org_roles import OrgRole, OrgRoleDocument
from schemas.documents.organisations import OrganisationDocument


async def create_organisation(
    *, repos: Repositories, staffing: Staffing, actor_id: str, draft: OrganisationDraft, first_admin_id: str,
    first_admin_email: str, now: datetime,
) -> OrganisationDocument:  # fmt: skip
    """A platform admin creates an organisation and appoints its first org admin."""
    if not staffing.platform_admin:
        raise NotPermittedError("Only platform admins create organisations.")
    draft = checked_draft(draft)
    email, issues = clean_email("firstAdminEmail", first_admin_email)
    if issues:
        raise OrganisationError.from_issues(issues)
    if not await repos.members.get_many([first_admin_id]):
        raise OrganisationError(OrganisationErrorCode.MEMBER_NOT_FOUND, "No member has that id.")
    organisation = OrganisationDocument(
        id=new_id(), name=draft.name, nations=draft.nations, contact_email=draft.contact_email,
        safeguarding_policy_url=draft.safeguarding_policy_url, timezone=draft.timezone,
        ack_minutes_high=draft.ack_minutes_high, ack_minutes_other=draft.ack_minutes_other, created_by=actor_id,
        created_at=now, updated_at=now,
    )  # fmt: skip
    await repos.organisations.insert(organisation)
    await repos.org_roles.insert(
        _role(organisation.id, first_admin_id, OrgRole.ORG_ADMIN, email=email, by=actor_id, now=now)
    )
    return organisation


def _role(org_id: str, member_id: str, role: OrgRole, *, email: str | None, by: str, now: datetime) -> OrgRoleDocument:
    return OrgRoleDocument(
        id=new_id(), organisation_id=org_id, member_id=member_id, role=role, email=email, granted_by=by, granted_at=now
    )


async def grant_role(
    *, repos: Repositories, staffing: Staffing, actor_id: str, organisation_id: str, member_id: str, role: OrgRole,
    email: str | None, now: datetime,
) -> OrgRoleDocument:  # fmt: skip
    """An org admin (or a platform admin) gives a member a role; safeguarding needs an email for pages."""
    await get_organisation(repos=repos, staffing=staffing, organisation_id=organisation_id)
    authorize(staffing, organisation_id, OrgAction.MANAGE_STAFF)
    cleaned: str | None = None
    if email:
        cleaned, issues = clean_email("email", email)
        if issues:
            raise OrganisationError.from_issues(issues)
    elif role is OrgRole.ORG_SAFEGUARDING:
        message = "Give an email address: safeguarding pages are sent there."
        raise OrganisationError(OrganisationErrorCode.EMAIL_REQUIRED, message)
    if not await repos.members.get_many([member_id]):
        raise OrganisationError(OrganisationErrorCode.MEMBER_NOT_FOUND, "No member has that id.")
    granted = _role(organisation_id, member_id, role, email=cleaned, by=actor_id, now=now)
    try:
        await repos.org_roles.insert(granted)
    except OrgRoleExistsError:
        raise OrganisationError(OrganisationErrorCode.ROLE_ALREADY_HELD, "They hold this role already.") from None
    return granted


async def revoke_role(
    *, repos: Repositories, staffing: Staffing, organisation_id: str, member_id: str, role: OrgRole
) -> None:
    """An org admin (or a platform admin) takes a role away; it stops working on the next request."""
    await get_organisation(repos=repos, staffing=staffing, organisation_id=organisation_id)
    authorize(staffing, organisation_id, OrgAction.MANAGE_STAFF)
    if not await repos.org_roles.remove(organisation_id, member_id, role):
        raise OrganisationError(OrganisationErrorCode.ROLE_NOT_HELD, "They do not hold this role.")


async def _hostable_group(repos: Repositories, staffing: Staffing, actor_id: str, group_id: str) -> GroupDocument:
    """The group, if the actor may move its hosting: a platform admin, or the group's own lead
    (nobody puts a group under a charity without its lead or the platform acting).
    """
    group = await repos.groups.get(group_id)
    membership = await repos.memberships.get(group_id, actor_id)
    if group is None:
        raise HiddenError(group_id)
    if staffing.platform_admin:
        return group
    active = membership is not None and membership.status is MembershipStatus.ACTIVE
    if active and membership is not None and membership.role is GroupRole.LEAD:
        return group
    if active or staffing.staffs(group.host_organisation_id):
        raise NotPermittedError("Only the group's lead or a platform admin changes who hosts it.")
    raise HiddenError(group_id)


async def host_group(
    *, repos: Repositories, staffing: Staffing, actor_id: str, organisation_id: str, group_id: str, now: datetime
) -> GroupDocument:
    """Host an unhosted group: an org admin who leads the group, or a platform admin."""
    await get_organisation(repos=repos, staffing=staffing, organisation_id=organisation_id)
    authorize(staffing, organisation_id, OrgAction.HOST)
    group = await _hostable_group(repos, staffing, actor_id, group_id)
    _refuse_archived(group)
    if group.host_organisation_id is not None:
        raise OrganisationError(OrganisationErrorCode.ALREADY_HOSTED, "Another organisation hosts this group.")
    if not await repos.groups.set_host(group.id, organisation_id, was=None, now=now):
        raise OrganisationError(OrganisationErrorCode.ALREADY_HOSTED, "Another organisation hosts this group.")
    changed = await repos.groups.get(group.id)
    assert changed is not None  # noqa: S101 - just updated it; groups are archived, never deleted
    return changed


async def unhost_group(
    *, repos: Repositories, staffing: Staffing, actor_id: str, group_id: str, now: datetime
) -> GroupDocument:
    """Stop hosting: an admin of the host organisation, or a platform admin. The group's alerts go
    back to the platform's safeguarding staff.
    """
    group = await repos.groups.get(group_id)
    membership = await repos.memberships.get(group_id, actor_id)
    if group is None:
        raise HiddenError(group_id)
    host = group.host_organisation_id
    if staffing.staffs(host):
        authorize(staffing, host or "", OrgAction.HOST)
    elif not staffing.platform_admin:
        if membership is not None and membership.status is MembershipStatus.ACTIVE:
            raise NotPermittedError("Only the host's admins or a platform admin stop hosting a group.")
        raise HiddenError(group_id)
    _refuse_archived(group)
    if host is None:
        raise OrganisationError(OrganisationErrorCode.NOT_HOSTED, "No organisation hosts this group.")
    if not await repos.groups.set_host(group.id, None, was=host, now=now):
        raise OrganisationError(OrganisationErrorCode.NOT_HOSTED, "The group's host has just changed.")
    changed = await repos.groups.get(group.id)
    assert changed is not None  # noqa: S101 - just updated it
    return changed


def _refuse_archived(group: GroupDocument) -> None:
    if group.archived:
        raise OrganisationError(OrganisationErrorCode.GROUP_ARCHIVED, "This group has been archived.")
