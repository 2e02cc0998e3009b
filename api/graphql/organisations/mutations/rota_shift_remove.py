"""rotaShiftRemove: an org admin takes a shift off the rota."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, access_denials
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from api.graphql.organisations.access import org_staffing
from domain.organisations import remove_shift


@strawberry.enum(description="Why rotaShiftRemove did not remove the shift.")
class RotaShiftRemoveErrorCode(Enum):
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The shift to remove.")
class RotaShiftRemoveInput:
    shift_id: strawberry.ID = strawberry.field(description="The shift.")


@strawberry.type(description="The shift is off the rota.")
class RotaShiftRemoveSuccess:
    shift_id: strawberry.ID = strawberry.field(description="The shift removed.")


@strawberry.type(description="Nothing was changed; `code` says why.")
class RotaShiftRemoveError:
    code: RotaShiftRemoveErrorCode = strawberry.field(description="The reason.")
    message: str = strawberry.field(description="A sentence a person can read.")
    field_errors: list[FieldError[RotaShiftRemoveErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


RotaShiftRemoveResult = Annotated[
    RotaShiftRemoveSuccess | RotaShiftRemoveError,
    strawberry.union("RotaShiftRemoveResult", description="The result of rotaShiftRemove."),
]


@mutation(
    description="Take a shift off an organisation's rota. Its org admins and platform admins only.",
    permission_classes=[IsMember],
)
async def rota_shift_remove(
    info: Info, data: Annotated[RotaShiftRemoveInput, strawberry.argument(name="input", description="The shift.")]
) -> RotaShiftRemoveResult:
    context = info.context
    staffing = await org_staffing(info)
    with access_denials():
        shift = await remove_shift(repos=context.repos, staffing=staffing, shift_id=data.shift_id)
    return RotaShiftRemoveSuccess(shift_id=strawberry.ID(shift.id))
