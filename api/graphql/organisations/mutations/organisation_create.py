"""organisationCreate: a platform admin creates an organisation and appoints its first org admin."""

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
from api.graphql.organisations.types import Organisation
from domain.organisations import OrganisationDraft, OrganisationError, OrganisationErrorCode, create_organisation
from schemas.documents.members import Nation
from schemas.documents.org_roles import OrgRole


@strawberry.enum(description="Why organisationCreate did not create the organisation.")
class OrganisationCreateErrorCode(Enum):
    NAME_LENGTH = OrganisationErrorCode.NAME_LENGTH.value
    NATIONS_REQUIRED = OrganisationErrorCode.NATIONS_REQUIRED.value
    EMAIL_INVALID = OrganisationErrorCode.EMAIL_INVALID.value
    URL_INVALID = OrganisationErrorCode.URL_INVALID.value
    TIMEZONE_INVALID = OrganisationErrorCode.TIMEZONE_INVALID.value
    DEADLINE_OUT_OF_RANGE = OrganisationErrorCode.DEADLINE_OUT_OF_RANGE.value
    MEMBER_NOT_FOUND = OrganisationErrorCode.MEMBER_NOT_FOUND.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="A new organisation and its first admin.")
class OrganisationCreateInput:
    name: str = strawberry.field(description="1 to 120 characters.")
    nations: list[Nation] = strawberry.field(description="The nations it serves: at least one.")
    contact_email: str = strawberry.field(description="Its contact address.")
    safeguarding_policy_url: str = strawberry.field(description="An https:// address of its safeguarding policy.")
    first_admin_member_id: strawberry.ID = strawberry.field(description="The member who becomes its first org admin.")
    first_admin_email: str = strawberry.field(description="Where the organisation reaches its first admin.")
    timezone: str = strawberry.field(default="Europe/London", description="The IANA time zone of its rota.")
    ack_minutes_high: int = strawberry.field(default=15, description="Minutes to acknowledge a high-risk page.")
    ack_minutes_other: int = strawberry.field(default=240, description="Minutes to acknowledge any other page.")


@strawberry.type(description="The organisation was created, with its first admin.")
class OrganisationCreateSuccess:
    organisation: Organisation = strawberry.field(description="The new organisation.")


@strawberry.type(description="Nothing was written; `code` and `fieldErrors` say why.")
class OrganisationCreateError:
    code: OrganisationCreateErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a person can read.")
    field_errors: list[FieldError[OrganisationCreateErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


OrganisationCreateResult = Annotated[
    OrganisationCreateSuccess | OrganisationCreateError,
    strawberry.union("OrganisationCreateResult", description="The result of organisationCreate."),
]


@mutation(
    description="Create an organisation that can host groups, and appoint its first org admin. Platform admins only.",
    permission_classes=[IsMember],
)
async def organisation_create(
    info: Info,
    data: Annotated[OrganisationCreateInput, strawberry.argument(name="input", description="The organisation.")],
) -> OrganisationCreateResult:
    context = info.context
    staffing = await org_staffing(info)
    member = await context.require_member()
    draft = OrganisationDraft(
        name=data.name, nations=tuple(data.nations), contact_email=data.contact_email,
        safeguarding_policy_url=data.safeguarding_policy_url, timezone=data.timezone,
        ack_minutes_high=data.ack_minutes_high, ack_minutes_other=data.ack_minutes_other,
    )  # fmt: skip
    try:
        with access_denials():
            created = await create_organisation(
                repos=context.repos, staffing=staffing, actor_id=member.id, draft=draft,
                first_admin_id=data.first_admin_member_id, first_admin_email=data.first_admin_email,
                now=context.clock.now(),
            )  # fmt: skip
    except OrganisationError as error:
        return OrganisationCreateError(**error_fields(error, OrganisationCreateErrorCode))
    roles = frozenset({OrgRole.ORG_ADMIN}) if data.first_admin_member_id == member.id else frozenset()
    return OrganisationCreateSuccess(organisation=Organisation.of(created, roles))
