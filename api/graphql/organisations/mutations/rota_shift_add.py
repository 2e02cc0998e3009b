"""rotaShiftAdd: an org admin puts one of its safeguarding staff on call for a while."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, access_denials, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from api.graphql.organisations.access import org_staffing
from api.graphql.organisations.types import RotaShift
from domain.organisations import OrganisationError, OrganisationErrorCode, add_shift


@strawberry.enum(description="Why rotaShiftAdd did not add the shift.")
class RotaShiftAddErrorCode(Enum):
    NOT_ON_CALL_STAFF = OrganisationErrorCode.NOT_ON_CALL_STAFF.value
    SHIFT_TIMES_INVALID = OrganisationErrorCode.SHIFT_TIMES_INVALID.value
    POSITION_OUT_OF_RANGE = OrganisationErrorCode.POSITION_OUT_OF_RANGE.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="Who is on call, when. Times without an offset are the organisation's wall clock.")
class RotaShiftAddInput:
    organisation_id: strawberry.ID = strawberry.field(description="The organisation.")
    member_id: strawberry.ID = strawberry.field(description="One of its safeguarding staff.")
    starts_at: datetime = strawberry.field(description="When the shift starts.")
    ends_at: datetime = strawberry.field(description="When it ends: after the start, at most 7 days later.")
    position: int = strawberry.field(default=0, description="Among those on call at once, paged first at 0 (0-9).")


@strawberry.type(description="The shift is on the rota.")
class RotaShiftAddSuccess:
    shift: RotaShift = strawberry.field(description="The shift, in UTC.")


@strawberry.type(description="Nothing was written; `code` and `fieldErrors` say why.")
class RotaShiftAddError:
    code: RotaShiftAddErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a person can read.")
    field_errors: list[FieldError[RotaShiftAddErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


RotaShiftAddResult = Annotated[
    RotaShiftAddSuccess | RotaShiftAddError,
    strawberry.union("RotaShiftAddResult", description="The result of rotaShiftAdd."),
]


@mutation(
    description="Put one of an organisation's safeguarding staff on call. Its org admins and platform admins only.",
    permission_classes=[IsMember],
)
async def rota_shift_add(
    info: Info, data: Annotated[RotaShiftAddInput, strawberry.argument(name="input", description="The shift.")]
) -> RotaShiftAddResult:
    context = info.context
    staffing = await org_staffing(info)
    member = await context.require_member()
    try:
        with access_denials():
            shift = await add_shift(
                repos=context.repos, staffing=staffing, actor_id=member.id, organisation_id=data.organisation_id,
                member_id=data.member_id, starts=data.starts_at, ends=data.ends_at, position=data.position,
                now=context.clock.now(),
            )  # fmt: skip
    except OrganisationError as error:
        return RotaShiftAddError(**error_fields(error, RotaShiftAddErrorCode))
    return RotaShiftAddSuccess(shift=RotaShift.of(shift))
