"""messageUpdate: the author changes a message's words within 15 minutes; they are screened again."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, RefusalError, access_denials
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import WritesWhatMayNeedHelp
from api.graphql.core.types import FieldError
from api.graphql.crisis.answers import CrisisAnswer, NotSavedYetError
from api.graphql.crisis.types import Signposting
from api.graphql.execution.rate_limits import Bucket, RateLimited
from api.graphql.outreach.access import message_of, participant, thread_services
from api.graphql.outreach.types import Message
from domain import outreach
from domain.outreach import OutreachError, OutreachErrorCode


@strawberry.enum(description="Why messageUpdate changed nothing.")
class MessageUpdateErrorCode(Enum):
    BODY_LENGTH = OutreachErrorCode.BODY_LENGTH.value
    BODY_CHARACTERS = OutreachErrorCode.BODY_CHARACTERS.value
    THREAD_CLOSED = OutreachErrorCode.THREAD_CLOSED.value
    NOT_EDITABLE = OutreachErrorCode.NOT_EDITABLE.value
    EDIT_WINDOW_CLOSED = OutreachErrorCode.EDIT_WINDOW_CLOSED.value
    NOT_SAVED_YET = "not_saved_yet"  # the store did not answer in time: see api/graphql/safety/answers.py
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The message, and its new words.")
class MessageUpdateInput:
    message_id: strawberry.ID = strawberry.field(description="A message the viewer sent in the last 15 minutes.")
    body: str = strawberry.field(description="1 to 2,000 characters.")


@strawberry.type(description="The message says the new words.")
class MessageUpdateSuccess:
    thread_message: Message = strawberry.field(description="The message as stored.")
    signposting: Signposting | None = strawberry.field(
        description="Kind words and helplines when the new words call for them; null otherwise."
    )


@strawberry.type(description="Nothing changed; `code` and `fieldErrors` say why.")
class MessageUpdateError:
    code: MessageUpdateErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[MessageUpdateErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )
    signposting: Signposting | None = strawberry.field(
        default=None, description="Kind words and helplines when the words sent call for them, saved or not."
    )


MessageUpdateResult = Annotated[
    MessageUpdateSuccess | MessageUpdateError,
    strawberry.union("MessageUpdateResult", description="The result of messageUpdate."),
]


@mutation(
    description="Change the words of a message the viewer sent, within 15 minutes; screened again.",
    permission_classes=[WritesWhatMayNeedHelp],
    extensions=[RateLimited(Bucket.SENSITIVE)],
)
async def message_update(
    info: Info, data: Annotated[MessageUpdateInput, strawberry.argument(name="input", description="The change.")]
) -> MessageUpdateResult:
    context = info.context
    answer = CrisisAnswer.screen(context, texts=[data.body])  # before any write

    async def edit() -> tuple[outreach.Participant, outreach.Edited]:
        who = await participant(info)
        return who, await outreach.edit_message(
            services=thread_services(context), participant=who, message_id=data.message_id, body=data.body,
            now=context.clock.now(),
        )  # fmt: skip

    try:
        with access_denials():
            who, edited = await answer.write(edit)
    except (NotSavedYetError, RefusalError, OutreachError) as error:
        return answer.error(MessageUpdateError, MessageUpdateErrorCode, error)
    found = edited.signposting
    return MessageUpdateSuccess(
        thread_message=message_of(edited.message, edited.view, who, context.loaders),
        signposting=Signposting.from_result(found) if found is not None else None,
    )
