"""appealDecide: the host organisation's staff (or platform staff) grant or reject an appeal."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, access_denials, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from api.graphql.moderation.notices import ModerationAppeal
from api.graphql.shares.access import content_reader, publishing
from domain.moderation import ModerationError, ModerationErrorCode, decide_appeal


@strawberry.enum(description="GRANT overturns the moderator's action; REJECT lets it stand.")
class AppealDecision(Enum):
    GRANT = "grant"
    REJECT = "reject"


@strawberry.enum(description="Why appealDecide did not decide.")
class AppealDecideErrorCode(Enum):
    NOTE_LENGTH = ModerationErrorCode.NOTE_LENGTH.value
    ALREADY_DECIDED = ModerationErrorCode.ALREADY_DECIDED.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The appeal and the decision, with a note the member will read.")
class AppealDecideInput:
    notice_id: strawberry.ID = strawberry.field(description="The appeal (its notice's id).")
    decision: AppealDecision = strawberry.field(description="Grant or reject.")
    note: str = strawberry.field(description="1 to 500 characters, for the member.")


@strawberry.type(description="Decided; the member is told, and a granted appeal undoes the action.")
class AppealDecideSuccess:
    appeal: ModerationAppeal = strawberry.field(description="The appeal as decided.")


@strawberry.type(description="Nothing was changed; `code` and `fieldErrors` say why.")
class AppealDecideError:
    code: AppealDecideErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a person can read.")
    field_errors: list[FieldError[AppealDecideErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


AppealDecideResult = Annotated[
    AppealDecideSuccess | AppealDecideError,
    strawberry.union("AppealDecideResult", description="The result of appealDecide."),
]


@mutation(
    description="Decide an appeal: the host organisation's staff for its groups, platform staff for any group.",
    permission_classes=[IsMember],
)
async def appeal_decide(
    info: Info, data: Annotated[AppealDecideInput, strawberry.argument(name="input", description="The decision.")]
) -> AppealDecideResult:
    context = info.context
    reader = await content_reader(info)
    try:
        with access_denials():
            decided = await decide_appeal(
                publishing=publishing(context), reader=reader, platform_staff=context.require_identity().is_staff,
                notice_id=data.notice_id, overturn=data.decision is AppealDecision.GRANT, note=data.note,
                now=context.clock.now(),
            )  # fmt: skip
    except ModerationError as error:
        return AppealDecideError(**error_fields(error, AppealDecideErrorCode))
    return AppealDecideSuccess(appeal=ModerationAppeal.of(decided))
