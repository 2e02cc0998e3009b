"""Organisations: charities that host groups, their staff and roles, and whose group is whose.

Other contexts, the API and the workers import these from here, never from the modules
(tests may reach into a module they test). Ask `staffing_of` for the roles a person holds
(read on every request), `host_of` for a group's host, `staff_with_role` for who holds a role
in an organisation, and `organisations_staffed` for the organisations a person works for; `import_local_services`
reads an organisation's Open Referral UK feed and `local_services_of` lists what it holds.
"""

from __future__ import annotations

from domain.organisations.errors import OrganisationError, OrganisationErrorCode
from domain.organisations.local_services import (
    FEED_TIMEOUT,
    ImportSummary,
    Skipped,
    import_every_feed,
    import_local_services,
    import_services_now,
    local_services_of,
    set_services_feed,
)
from domain.organisations.paging import Pager, deadline, page_due, page_step, record_acknowledgement
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
from domain.organisations.reporting import MonthFigures, acknowledgement_report, seconds_to_acknowledge
from domain.organisations.rota import OnCall, add_shift, on_call, on_call_rota, remove_shift, rota_between
from domain.organisations.service import create_organisation, grant_role, host_group, revoke_role, unhost_group
from domain.organisations.texting import set_text_budget
from domain.organisations.validation import OrganisationDraft

__all__ = [
    "FEED_TIMEOUT",
    "NO_STAFFING",
    "ImportSummary",
    "Membership",
    "MonthFigures",
    "OnCall",
    "OrgAction",
    "OrganisationDraft",
    "OrganisationError",
    "OrganisationErrorCode",
    "Pager",
    "Skipped",
    "Staffing",
    "acknowledgement_report",
    "add_shift",
    "authorize",
    "create_organisation",
    "deadline",
    "get_organisation",
    "grant_role",
    "groups_handled_by",
    "host_group",
    "host_of",
    "hosted_groups",
    "import_every_feed",
    "import_local_services",
    "import_services_now",
    "local_services_of",
    "my_organisations",
    "on_call",
    "on_call_rota",
    "organisation_staff",
    "organisations_staffed",
    "page_due",
    "page_step",
    "record_acknowledgement",
    "remove_shift",
    "revoke_role",
    "rota_between",
    "seconds_to_acknowledge",
    "set_services_feed",
    "set_text_budget",
    "staff_with_role",
    "staffing_of",
    "unhost_group",
]
