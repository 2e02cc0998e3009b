"""On whose authority a safeguarding officer acts: the platform's (the `safeguarding` claim, every
group), or an organisation's (its `org_safeguarding` role, read now, for the groups it hosts now).

Alerts, break-glass and reaching a member all ask here, so the rule is one rule. Something in a
group the officer has no authority over is refused exactly like something that does not exist.
"""

from __future__ import annotations

from typing import Protocol

from domain.errors import HiddenError, NotPermittedError
from domain.organisations import Staffing, staffing_of
from infra.mongo.repositories.registry import Repositories
from schemas.documents.org_roles import OrgRole

PLATFORM = None  # an authority of None: the platform's own safeguarding staff


class Officer(Protocol):
    """Who acts: a content reader or a thread participant, both know these two things."""

    @property
    def id(self) -> str: ...

    @property
    def safeguarding(self) -> bool: ...


async def org_safeguarding_of(repos: Repositories, staff: Officer) -> Staffing | None:
    """None for platform safeguarding staff (every group); else the person's organisation roles,
    which must include org_safeguarding somewhere (NotPermittedError otherwise).
    """
    if staff.safeguarding:
        return None
    staffing = await staffing_of(repos=repos, member_id=staff.id)
    if not staffing.organisations_with(OrgRole.ORG_SAFEGUARDING):
        raise NotPermittedError("This is for safeguarding staff only.")
    return staffing


async def authority_over(
    repos: Repositories, staffing: Staffing | None, group_id: str | None, hidden: str
) -> str | None:
    """The organisation on whose authority the officer acts in this group (None: the platform's).
    HiddenError(`hidden`) when the group is not hosted now by an organisation where they hold
    org_safeguarding: the same answer as for a missing object, so nothing leaks.
    """
    if staffing is None:
        return PLATFORM
    group = await repos.groups.get(group_id) if group_id else None
    if group is None or not staffing.holds(group.host_organisation_id, OrgRole.ORG_SAFEGUARDING):
        raise HiddenError(hidden)
    return group.host_organisation_id
