"""GraphQL types of organisations: the organisation, a role someone holds in it."""

from __future__ import annotations

from datetime import datetime
from typing import Self

import strawberry

from domain.organisations import Membership
from schemas.documents.members import Nation
from schemas.documents.org_roles import OrgRole, OrgRoleDocument
from schemas.documents.organisations import OrganisationDocument

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
    viewer_roles: list[OrgRole] = strawberry.field(description="The viewer's roles in it (none for platform admins).")
    created_at: datetime = strawberry.field(description="When it was created.")

    @classmethod
    def of(cls, organisation: OrganisationDocument, roles: frozenset[OrgRole] = frozenset()) -> Self:
        return cls(
            id=strawberry.ID(organisation.id), name=organisation.name, nations=list(organisation.nations),
            contact_email=organisation.contact_email, safeguarding_policy_url=organisation.safeguarding_policy_url,
            timezone=organisation.timezone, ack_minutes_high=organisation.ack_minutes_high,
            ack_minutes_other=organisation.ack_minutes_other, viewer_roles=sorted(roles),
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
