"""The safeguarding rota: who in an organisation is on call when, on its own wall clock.

An org admin (or a platform admin) adds and removes shifts; its staff read them. Only people
holding org_safeguarding go on it, and a page checks they still do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.errors import HiddenError
from domain.organisations.errors import OrganisationError, OrganisationErrorCode
from domain.organisations.policies import OrgAction, Staffing, authorize
from domain.organisations.reading import get_organisation
from infra.mongo.repositories.registry import Repositories
from schemas.documents.base import new_id
from schemas.documents.org_roles import OrgRole
from schemas.documents.organisations import OrganisationDocument
from schemas.documents.rota_shifts import RotaShiftDocument

SHIFT_MAX = timedelta(days=7)
POSITIONS = range(10)
READ_MAX = 500  # shifts one read returns; a month of a busy rota


@dataclass(frozen=True)
class OnCall:
    """Someone on duty now, in paging order, and where their email pages go."""

    member_id: str
    email: str | None


def _utc(local: datetime, zone: str) -> datetime:
    """A wall-clock time of the organisation as UTC (an offset given with it is respected)."""
    aware = local if local.tzinfo is not None else local.replace(tzinfo=ZoneInfo(zone))
    return aware.astimezone(UTC)


async def add_shift(
    *, repos: Repositories, staffing: Staffing, actor_id: str, organisation_id: str, member_id: str,
    starts: datetime, ends: datetime, position: int, now: datetime,
) -> RotaShiftDocument:  # fmt: skip
    """Put an org_safeguarding person on call from `starts` to `ends` (the organisation's wall clock)."""
    organisation = await get_organisation(repos=repos, staffing=staffing, organisation_id=organisation_id)
    authorize(staffing, organisation_id, OrgAction.MANAGE_ROTA)
    starts_at, ends_at = _utc(starts, organisation.timezone), _utc(ends, organisation.timezone)
    if not timedelta(0) < ends_at - starts_at <= SHIFT_MAX:
        message = "A shift ends after it starts, and lasts at most 7 days."
        raise OrganisationError(OrganisationErrorCode.SHIFT_TIMES_INVALID, message)
    if position not in POSITIONS:
        raise OrganisationError(OrganisationErrorCode.POSITION_OUT_OF_RANGE, "Use a position from 0 to 9.")
    holders = await repos.org_roles.in_organisation(organisation_id, roles=(OrgRole.ORG_SAFEGUARDING,))
    if member_id not in {role.member_id for role in holders}:
        message = "Only the organisation's safeguarding staff go on the rota."
        raise OrganisationError(OrganisationErrorCode.NOT_ON_CALL_STAFF, message)
    shift = RotaShiftDocument(
        id=new_id(), organisation_id=organisation_id, member_id=member_id, starts_at=starts_at, ends_at=ends_at,
        position=position, created_by=actor_id, created_at=now,
    )  # fmt: skip
    await repos.rota_shifts.insert(shift)
    return shift


async def remove_shift(*, repos: Repositories, staffing: Staffing, shift_id: str) -> RotaShiftDocument:
    """Take a shift off the rota (org admins and platform admins)."""
    shift = await repos.rota_shifts.get(shift_id)
    if shift is None:
        raise HiddenError(shift_id)
    await get_organisation(repos=repos, staffing=staffing, organisation_id=shift.organisation_id)
    authorize(staffing, shift.organisation_id, OrgAction.MANAGE_ROTA)
    await repos.rota_shifts.delete(shift.id)
    return shift


async def rota_between(
    *, repos: Repositories, staffing: Staffing, organisation_id: str, start: datetime, end: datetime
) -> list[RotaShiftDocument]:
    """The shifts overlapping [start, end), for the organisation's staff."""
    await get_organisation(repos=repos, staffing=staffing, organisation_id=organisation_id)
    return await repos.rota_shifts.between(organisation_id, start, end, limit=READ_MAX)


async def on_call(*, repos: Repositories, organisation_id: str, at: datetime) -> list[OnCall]:
    """Who is on duty at `at`, in paging order, each once, among those still holding org_safeguarding."""
    shifts = await repos.rota_shifts.on_duty(organisation_id, at)
    holders = {
        role.member_id: role.email
        for role in await repos.org_roles.in_organisation(organisation_id, roles=(OrgRole.ORG_SAFEGUARDING,))
    }
    ordered = dict.fromkeys(shift.member_id for shift in shifts if shift.member_id in holders)
    return [OnCall(member_id=member_id, email=holders[member_id]) for member_id in ordered]


async def on_call_rota(
    *, repos: Repositories, staffing: Staffing, organisation_id: str, start: datetime, end: datetime,
    platform_safeguarding: bool,
) -> tuple[OrganisationDocument, list[RotaShiftDocument]]:  # fmt: skip
    """The organisation and its shifts overlapping [start, end), for the console's on-call screen:
    its admins and safeguarding staff, and the platform's safeguarding staff (who take over when
    nobody on the rota answers). Anyone else's request looks like a missing organisation, or, for
    its other staff, is not permitted.
    """
    organisation = await repos.organisations.get(organisation_id)
    if organisation is None:
        raise HiddenError(organisation_id)
    if not platform_safeguarding:
        authorize(Staffing(roles=staffing.roles), organisation_id, OrgAction.VIEW_ON_CALL)
    return organisation, await repos.rota_shifts.between(organisation_id, start, end, limit=READ_MAX)
