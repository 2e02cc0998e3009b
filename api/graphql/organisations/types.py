"""GraphQL types of organisations: the organisation, a role someone holds in it."""

from __future__ import annotations

from datetime import datetime
from typing import Self

import strawberry

from domain.organisations import Membership, MonthFigures
from schemas.documents.members import Nation
from schemas.documents.org_roles import OrgRole, OrgRoleDocument
from schemas.documents.organisations import OrganisationDocument
from schemas.documents.rota_shifts import RotaShiftDocument

strawberry.enum(OrgRole, description="A role in an organisation: admin, safeguarding or staff.")


@strawberry.type(description="A voluntary-sector organisation that hosts groups, as its staff see it.")
class Organisation:
    id: strawberry.ID = strawberry.field(description="Opaque id.")
    name: str = strawberry.field(description="Its name.")
    nations: list[Nation] = strawberry.field(description="The nations it serves.")
    contact_email: str = strawberry.field(description="Its contact address.")
    safeguarding_policy_url: str = strawberry.field(description="Its safeguarding policy.")
    timezone: str = strawberry.field(description="The time zone of its rota.")
    ack_minutes_high: int = strawberry.field(description="Minutes to acknowledge a high-risk page before it climbs.")
    ack_minutes_other: int = strawberry.field(description="Minutes to acknowledge any other page before it climbs.")
    text_monthly_budget: int | None = strawberry.field(
        description="Texts a month its groups may send; null: the platform default."
    )
    viewer_roles: list[OrgRole] = strawberry.field(description="The viewer's roles in it (none for platform admins).")
    created_at: datetime = strawberry.field(description="When it was created.")

    @classmethod
    def of(cls, organisation: OrganisationDocument, roles: frozenset[OrgRole] = frozenset()) -> Self:
        return cls(
            id=strawberry.ID(organisation.id), name=organisation.name, nations=list(organisation.nations),
            contact_email=organisation.contact_email, safeguarding_policy_url=organisation.safeguarding_policy_url,
            timezone=organisation.timezone, ack_minutes_high=organisation.ack_minutes_high,
            ack_minutes_other=organisation.ack_minutes_other,
            text_monthly_budget=organisation.text_monthly_budget, viewer_roles=sorted(roles),
            created_at=organisation.created_at,
        )  # fmt: skip

    @classmethod
    def of_membership(cls, membership: Membership) -> Self:
        return cls.of(membership.organisation, membership.roles)


@strawberry.type(description="A role one member holds in an organisation.")
class OrgStaffRole:
    id: strawberry.ID = strawberry.field(description="Opaque id.")
    member_id: strawberry.ID = strawberry.field(description="Who holds it.")
    role: OrgRole = strawberry.field(description="Which role.")
    email: str | None = strawberry.field(description="Where safeguarding pages reach them.")
    granted_at: datetime = strawberry.field(description="Since when.")

    @classmethod
    def of(cls, role: OrgRoleDocument) -> Self:
        return cls(
            id=strawberry.ID(role.id), member_id=strawberry.ID(role.member_id), role=role.role, email=role.email,
            granted_at=role.granted_at,
        )  # fmt: skip


@strawberry.type(description="A shift on an organisation's safeguarding rota.")
class RotaShift:
    id: strawberry.ID = strawberry.field(description="Opaque id.")
    member_id: strawberry.ID = strawberry.field(description="Who is on call (org_safeguarding staff).")
    starts_at: datetime = strawberry.field(description="When the shift starts.")
    ends_at: datetime = strawberry.field(description="When it ends.")
    position: int = strawberry.field(description="Among those on call at once, who is paged first (0 first).")

    @classmethod
    def of(cls, shift: RotaShiftDocument) -> Self:
        return cls(
            id=strawberry.ID(shift.id), member_id=strawberry.ID(shift.member_id), starts_at=shift.starts_at,
            ends_at=shift.ends_at, position=shift.position,
        )  # fmt: skip


@strawberry.type(description="One calendar month of an organisation's safeguarding alerts.")
class AcknowledgementMonth:
    month: str = strawberry.field(description="YYYY-MM, in the organisation's time zone.")
    alerts: int = strawberry.field(description="Alerts raised in its groups that month.")
    acknowledged: int = strawberry.field(description="Of those, how many were acknowledged (or resolved).")
    median_seconds: int | None = strawberry.field(description="Median time to acknowledge; null with none.")
    p95_seconds: int | None = strawberry.field(description="95th percentile time to acknowledge; null with none.")

    @classmethod
    def of(cls, figures: MonthFigures) -> Self:
        return cls(
            month=figures.month, alerts=figures.alerts, acknowledged=figures.acknowledged,
            median_seconds=figures.median_seconds, p95_seconds=figures.p95_seconds,
        )  # fmt: skip
