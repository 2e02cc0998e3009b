"""orgRoleRevoke: an org admin (or a platform admin) takes a role away; it stops on the next request."""

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
from domain.organisations import OrganisationError, OrganisationErrorCode, revoke_role
from schemas.documents.org_roles import OrgRole


@strawberry.enum(description="Why orgRoleRevoke did not take the role away.")
class OrgRoleRevokeErrorCode(Enum):
    ROLE_NOT_HELD = OrganisationErrorCode.ROLE_NOT_HELD.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="Whose role to take away.")
class OrgRoleRevokeInput:
    organisation_id: strawberry.ID = strawberry.field(description="The organisation.")
    member_id: strawberry.ID = strawberry.field(description="The member.")
    role: OrgRole = strawberry.field(description="The role.")


@strawberry.type(description="The member no longer holds the role.")
class OrgRoleRevokeSuccess:
    member_id: strawberry.ID = strawberry.field(description="The member.")
    role: OrgRole = strawberry.field(description="The role taken away.")


@strawberry.type(description="Nothing was changed; `code` and `fieldErrors` say why.")
class OrgRoleRevokeError:
    code: OrgRoleRevokeErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a person can read.")
    field_errors: list[FieldError[OrgRoleRevokeErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


OrgRoleRevokeResult = Annotated[
    OrgRoleRevokeSuccess | OrgRoleRevokeError,
    strawberry.union("OrgRoleRevokeResult", description="The result of orgRoleRevoke."),
]


@mutation(
    description="Take a role in an organisation away. Its org admins and platform admins only.",
    permission_classes=[IsMember],
)
async def org_role_revoke(
    info: Info, data: Annotated[OrgRoleRevokeInput, strawberry.argument(name="input", description="The role.")]
) -> OrgRoleRevokeResult:
    context = info.context
    staffing = await org_staffing(info)
    try:
        with access_denials():
            await revoke_role(
                repos=context.repos, staffing=staffing, organisation_id=data.organisation_id, member_id=data.member_id,
                role=data.role,
            )  # fmt: skip
    except OrganisationError as error:
        return OrgRoleRevokeError(**error_fields(error, OrgRoleRevokeErrorCode))
    return OrgRoleRevokeSuccess(member_id=data.member_id, role=data.role)
