"""difficultDateRemove: the member forgets one of their difficult dates."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from domain.noticing import NoticingError, NoticingErrorCode, remove_difficult_date


@strawberry.enum(description="Why difficultDateRemove removed nothing.")
class DifficultDateRemoveErrorCode(Enum):
    NOT_FOUND = NoticingErrorCode.NOT_FOUND.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The date to remove.")
class DifficultDateRemoveInput:
    id: strawberry.ID = strawberry.field(description="The date's id, from myDifficultDates.")


@strawberry.type(description="The date is gone: nothing more is sent about it.")
class DifficultDateRemoveSuccess:
    removed_id: strawberry.ID = strawberry.field(description="The id of the date that was removed.")


@strawberry.type(description="Nothing was removed. Another member's date is NOT_FOUND, like a made-up id.")
class DifficultDateRemoveError:
    code: DifficultDateRemoveErrorCode = strawberry.field(description="The reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[DifficultDateRemoveErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


DifficultDateRemoveResult = Annotated[
    DifficultDateRemoveSuccess | DifficultDateRemoveError,
    strawberry.union("DifficultDateRemoveResult", description="The result of difficultDateRemove."),
]


@mutation(
    description="Remove one of the signed-in member's difficult dates.",
    permission_classes=[IsMember],
)
async def difficult_date_remove(
    info: Info,
    data: Annotated[DifficultDateRemoveInput, strawberry.argument(name="input", description="The date to remove.")],
) -> DifficultDateRemoveResult:
    context = info.context
    member = await context.require_member()
    try:
        await remove_difficult_date(repos=context.repos, member=member, date_id=data.id)
    except NoticingError as error:
        return DifficultDateRemoveError(**error_fields(error, DifficultDateRemoveErrorCode))
    return DifficultDateRemoveSuccess(removed_id=data.id)
