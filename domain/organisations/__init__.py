"""Organisations: charities that host groups, their staff and roles, and whose group is whose.

Other contexts, the API and the workers import these from here, never from the modules
(tests may reach into a module they test). Ask `staffing_of` for the roles a person holds
(read on every request), `host_of` for a group's host, `staff_with_role` for who holds a role
in an organisation, and `organisations_staffed` for the organisations a person works for.
"""

from __future__ import annotations

from domain.organisations.errors import OrganisationError, OrganisationErrorCode
from domain.organisations.policies import NO_STAFFING, OrgAction, Staffing, authorize
from domain.organisations.reading import (
    Membership,
    get_organisation,
    groups_handled_by,
    host_of,
    hosted_groups,
    my_organisations,
    organisation_staff,
    organisations_staffed,
    staff_with_role,
    staffing_of,
)
from domain.organisations.service import create_organisation, grant_role, host_group, revoke_role, unhost_group
from domain.organisations.validation import OrganisationDraft

__all__ = [
    "NO_STAFFING",
    "Membership",
    "OrgAction",
    "OrganisationDraft",
    "OrganisationError",
    "OrganisationErrorCode",
    "Staffing",
    "authorize",
    "create_organisation",
    "get_organisation",
    "grant_role",
    "groups_handled_by",
    "host_group",
    "host_of",
    "hosted_groups",
    "my_organisations",
    "organisation_staff",
    "organisations_staffed",
    "revoke_role",
    "staff_with_role",
    "staffing_of",
    "unhost_group",
]
