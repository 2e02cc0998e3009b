"""Queries of organisations: the viewer's organisations, one organisation, its staff and groups."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import access_denials
from api.graphql.core.permissions import IsMember
from api.graphql.groups.types import Group
from api.graphql.organisations.access import org_staffing
from api.graphql.organisations.types import AcknowledgementMonth, Organisation, OrgStaffRole, RotaShift
from domain.groups import GroupView
from domain.organisations import (
    acknowledgement_report,
    get_organisation,
    hosted_groups,
    my_organisations,
    organisation_staff,
    rota_between,
)

OrganisationId = Annotated[strawberry.ID, strawberry.argument(description="The organisation's id.")]


async def resolve_my_organisations(info: Info) -> list[Organisation]:
    staffing = await org_staffing(info)
    return [Organisation.of_membership(m) for m in await my_organisations(repos=info.context.repos, staffing=staffing)]


async def resolve_organisation(
    info: Info, organisation_id: Annotated[strawberry.ID, strawberry.argument(name="id", description="Its id.")]
) -> Organisation:
    staffing = await org_staffing(info)
    with access_denials():
        found = await get_organisation(repos=info.context.repos, staffing=staffing, organisation_id=organisation_id)
    return Organisation.of(found, staffing.roles_in(found.id))


async def resolve_organisation_staff(info: Info, organisation_id: OrganisationId) -> list[OrgStaffRole]:
    staffing = await org_staffing(info)
    with access_denials():
        roles = await organisation_staff(repos=info.context.repos, staffing=staffing, organisation_id=organisation_id)
    return [OrgStaffRole.of(role) for role in roles]


async def resolve_organisation_groups(info: Info, organisation_id: OrganisationId) -> list[Group]:
    staffing = await org_staffing(info)
    with access_denials():
        groups = await hosted_groups(repos=info.context.repos, staffing=staffing, organisation_id=organisation_id)
    # Staff of the host read the group and who is in it (domain/groups/policies.py).
    return [Group.from_view(GroupView(group=g, membership=None, can_see_members=True)) for g in groups]


async def resolve_organisation_rota(
    info: Info,
    organisation_id: OrganisationId,
    start: Annotated[datetime, strawberry.argument(description="From (inclusive).")],
    end: Annotated[datetime, strawberry.argument(description="To (exclusive); at most 62 days after `start`.")],
) -> list[RotaShift]:
    staffing = await org_staffing(info)
    end = min(end, start + timedelta(days=62))
    with access_denials():
        shifts = await rota_between(
            repos=info.context.repos, staffing=staffing, organisation_id=organisation_id, start=start, end=end
        )
    return [RotaShift.of(shift) for shift in shifts]


async def resolve_acknowledgement_report(
    info: Info,
    organisation_id: OrganisationId,
    months: Annotated[int, strawberry.argument(description="How many months back, this one included (1 to 24).")] = 6,
) -> list[AcknowledgementMonth]:
    staffing = await org_staffing(info)
    with access_denials():
        found = await acknowledgement_report(
            repos=info.context.repos, staffing=staffing, organisation_id=organisation_id, months=months,
            now=info.context.clock.now(),
        )  # fmt: skip
    return [AcknowledgementMonth.of(month) for month in found]


@strawberry.type
class OrganisationQueries:
    my_organisations: list[Organisation] = strawberry.field(
        resolver=resolve_my_organisations,
        description="The organisations the viewer holds a role in, by name.",
        permission_classes=[IsMember],
    )
    organisation: Organisation = strawberry.field(
        resolver=resolve_organisation,
        description="One organisation: for its staff and platform admins.",
        permission_classes=[IsMember],
    )
    organisation_staff: list[OrgStaffRole] = strawberry.field(
        resolver=resolve_organisation_staff,
        description="Who holds which role in an organisation: for its admins and platform admins.",
        permission_classes=[IsMember],
    )
    organisation_rota: list[RotaShift] = strawberry.field(
        resolver=resolve_organisation_rota,
        description="The organisation's safeguarding rota between two moments: for its staff and platform admins.",
        permission_classes=[IsMember],
    )
    acknowledgement_report: list[AcknowledgementMonth] = strawberry.field(
        resolver=resolve_acknowledgement_report,
        description="Median and 95th percentile time to acknowledge the organisation's safeguarding alerts, per "
        "month: for its safeguarding staff, its admins and platform admins.",
        permission_classes=[IsMember],
    )
    organisation_groups: list[Group] = strawberry.field(
        resolver=resolve_organisation_groups,
        description="The groups an organisation hosts, by name: for its staff and platform admins.",
        permission_classes=[IsMember],
    )
