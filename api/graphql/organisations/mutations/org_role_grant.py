"""orgRoleGrant: an org admin (or a platform admin) gives a member a role in the organisation."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, access_denials, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from api.graphql.organisations.access import org_staffing
from api.graphql.organisations.types import OrgStaffRole
from domain.organisations import OrganisationError, OrganisationErrorCode, grant_role
from schemas.documents.org_roles import OrgRole


@strawberry.enum(description="Why orgRoleGrant did not give the role.")
class OrgRoleGrantErrorCode(Enum):
    EMAIL_INVALID = OrganisationErrorCode.EMAIL_INVALID.value
    EMAIL_REQUIRED = OrganisationErrorCode.EMAIL_REQUIRED.value
    MEMBER_NOT_FOUND = OrganisationErrorCode.MEMBER_NOT_FOUND.value
    ROLE_ALREADY_HELD = OrganisationErrorCode.ROLE_ALREADY_HELD.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="Who gets which role, and where pages reach them.")
class OrgRoleGrantInput:
    organisation_id: strawberry.ID = strawberry.field(description="The organisation.")
    member_id: strawberry.ID = strawberry.field(description="The member.")
    role: OrgRole = strawberry.field(description="The role.")
    email: str | None = strawberry.field(default=None, description="Required for ORG_SAFEGUARDING: pages go there.")


@strawberry.type(description="The member holds the role from now on.")
class OrgRoleGrantSuccess:
    role: OrgStaffRole = strawberry.field(description="The role given.")


@strawberry.type(description="Nothing was written; `code` and `fieldErrors` say why.")
class OrgRoleGrantError:
    code: OrgRoleGrantErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a person can read.")
    field_errors: list[FieldError[OrgRoleGrantErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


OrgRoleGrantResult = Annotated[
    OrgRoleGrantSuccess | OrgRoleGrantError,
    strawberry.union("OrgRoleGrantResult", description="The result of orgRoleGrant."),
]


@mutation(
    description="Give a member a role in an organisation. Its org admins and platform admins only.",
    permission_classes=[IsMember],
)
async def org_role_grant(
    info: Info, data: Annotated[OrgRoleGrantInput, strawberry.argument(name="input", description="The role.")]
) -> OrgRoleGrantResult:
    context = info.context
    staffing = await org_staffing(info)
    member = await context.require_member()
    try:
        with access_denials():
            granted = await grant_role(
                repos=context.repos, staffing=staffing, actor_id=member.id, organisation_id=data.organisation_id,
                member_id=data.member_id, role=data.role, email=data.email, now=context.clock.now(),
            )  # fmt: skip
    except OrganisationError as error:
        return OrgRoleGrantError(**error_fields(error, OrgRoleGrantErrorCode))
    return OrgRoleGrantSuccess(role=OrgStaffRole.of(granted))
