"""messageDelete: the author deletes a message within 15 minutes; its words go, its place stays."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, access_denials, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from api.graphql.outreach.access import message_of, participant, thread_services
from api.graphql.outreach.types import Message
from domain import outreach
from domain.outreach import OutreachError, OutreachErrorCode


@strawberry.enum(description="Why messageDelete deleted nothing.")
class MessageDeleteErrorCode(Enum):
    THREAD_CLOSED = OutreachErrorCode.THREAD_CLOSED.value
    NOT_EDITABLE = OutreachErrorCode.NOT_EDITABLE.value
    EDIT_WINDOW_CLOSED = OutreachErrorCode.EDIT_WINDOW_CLOSED.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The message to delete.")
class MessageDeleteInput:
    message_id: strawberry.ID = strawberry.field(description="A message the viewer sent in the last 15 minutes.")


@strawberry.type(description="The message's words are gone; both sides see it was deleted.")
class MessageDeleteSuccess:
    thread_message: Message = strawberry.field(description="The message, deleted.")


@strawberry.type(description="Nothing was deleted; `code` says why.")
class MessageDeleteError:
    code: MessageDeleteErrorCode = strawberry.field(description="The reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[MessageDeleteErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


MessageDeleteResult = Annotated[
    MessageDeleteSuccess | MessageDeleteError,
    strawberry.union("MessageDeleteResult", description="The result of messageDelete."),
]


@mutation(
    description="Delete a message the viewer sent, within 15 minutes: its words go for good.",
    permission_classes=[IsMember],
)
async def message_delete(
    info: Info, data: Annotated[MessageDeleteInput, strawberry.argument(name="input", description="The message.")]
) -> MessageDeleteResult:
    context = info.context
    who = await participant(info)
    try:
        with access_denials():
            deleted = await outreach.delete_message(
                services=thread_services(context), participant=who, message_id=data.message_id,
                now=context.clock.now(),
            )  # fmt: skip
    except OutreachError as error:
        return MessageDeleteError(**error_fields(error, MessageDeleteErrorCode))
    return MessageDeleteSuccess(thread_message=message_of(deleted.message, deleted.view, who, context.loaders))
