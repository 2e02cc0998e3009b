"""organisationTextBudgetSet: how many texts a month an organisation's groups may send."""

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
from domain.organisations import OrganisationError, OrganisationErrorCode, set_text_budget


@strawberry.enum(description="Why organisationTextBudgetSet did not change the budget.")
class OrganisationTextBudgetSetErrorCode(Enum):
    TEXT_BUDGET_OUT_OF_RANGE = OrganisationErrorCode.TEXT_BUDGET_OUT_OF_RANGE.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The organisation and its monthly text budget.")
class OrganisationTextBudgetSetInput:
    organisation_id: strawberry.ID = strawberry.field(description="The organisation.")
    monthly_texts: int | None = strawberry.field(
        default=None, description="Texts a month (0 to 1,000,000); null for the platform default."
    )


@strawberry.type(description="The budget counts from the next text on.")
class OrganisationTextBudgetSetSuccess:
    organisation: Organisation = strawberry.field(description="The organisation.")


@strawberry.type(description="Nothing was changed; `code` and `fieldErrors` say why.")
class OrganisationTextBudgetSetError:
    code: OrganisationTextBudgetSetErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a person can read.")
    field_errors: list[FieldError[OrganisationTextBudgetSetErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


OrganisationTextBudgetSetResult = Annotated[
    OrganisationTextBudgetSetSuccess | OrganisationTextBudgetSetError,
    strawberry.union("OrganisationTextBudgetSetResult", description="The result of organisationTextBudgetSet."),
]


@mutation(
    description="Set an organisation's monthly text budget. Its org admins and platform admins only.",
    permission_classes=[IsMember],
)
async def organisation_text_budget_set(
    info: Info,
    data: Annotated[OrganisationTextBudgetSetInput, strawberry.argument(name="input", description="The budget.")],
) -> OrganisationTextBudgetSetResult:
    context = info.context
    staffing = await org_staffing(info)
    try:
        with access_denials():
            organisation = await set_text_budget(
                repos=context.repos, staffing=staffing, organisation_id=data.organisation_id,
                budget=data.monthly_texts, now=context.clock.now(),
            )  # fmt: skip
    except OrganisationError as error:
        return OrganisationTextBudgetSetError(**error_fields(error, OrganisationTextBudgetSetErrorCode))
    return OrganisationTextBudgetSetSuccess(
        organisation=Organisation.of(organisation, staffing.roles_in(organisation.id))
    )
