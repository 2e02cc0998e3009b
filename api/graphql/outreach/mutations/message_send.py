"""messageSend: say something in a thread (once per client key); a member's words are screened first."""

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
from api.graphql.outreach.access import message_of, participant, signposting_of, thread_of, thread_services
from api.graphql.outreach.types import Message, Thread
from domain import outreach
from domain.outreach import Draft, OutreachError, OutreachErrorCode


@strawberry.enum(description="Why messageSend sent nothing.")
class MessageSendErrorCode(Enum):
    BODY_LENGTH = OutreachErrorCode.BODY_LENGTH.value
    BODY_CHARACTERS = OutreachErrorCode.BODY_CHARACTERS.value
    CLIENT_KEY_INVALID = OutreachErrorCode.CLIENT_KEY_INVALID.value
    CLIENT_KEY_REUSED = OutreachErrorCode.CLIENT_KEY_REUSED.value
    THREAD_CLOSED = OutreachErrorCode.THREAD_CLOSED.value
    NOT_SAVED_YET = "not_saved_yet"  # the store did not answer in time: see api/graphql/safety/answers.py
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="What to say, in which thread.")
class MessageSendInput:
    thread_id: strawberry.ID = strawberry.field(description="One of the viewer's threads.")
    body: str = strawberry.field(description="1 to 2,000 characters.")
    client_key: str = strawberry.field(
        description="Made by the app once per message (a UUID) and sent again on every retry, so a retry sends "
        "nothing twice; 8 to 128 visible ASCII characters."
    )


@strawberry.type(description="The message was sent (or had been, for a retry with the same key).")
class MessageSendSuccess:
    thread_message: Message = strawberry.field(description="The message as stored.")
    thread: Thread = strawberry.field(description="Its thread, from the viewer's side.")
    signposting: Signposting | None = strawberry.field(
        description="Kind words and helplines when the words sent call for them; null otherwise."
    )


@strawberry.type(description="Nothing was sent; `code` and `fieldErrors` say why.")
class MessageSendError:
    code: MessageSendErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[MessageSendErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )
    signposting: Signposting | None = strawberry.field(
        default=None, description="Kind words and helplines when the words sent call for them, saved or not."
    )


MessageSendResult = Annotated[
    MessageSendSuccess | MessageSendError,
    strawberry.union("MessageSendResult", description="The result of messageSend."),
]


@mutation(
    description="Say something in one of the viewer's conversations (once per client key). A member's words "
    "are screened: worrying ones bring helplines in the answer.",
    permission_classes=[WritesWhatMayNeedHelp],
    extensions=[RateLimited(Bucket.SENSITIVE)],
)
async def message_send(
    info: Info, data: Annotated[MessageSendInput, strawberry.argument(name="input", description="The message.")]
) -> MessageSendResult:
    context = info.context
    answer = CrisisAnswer.screen(context, texts=[data.body])  # before any write

    async def send() -> tuple[outreach.Participant, outreach.ThreadView, outreach.Posted]:
        who = await participant(info)
        repos, now = context.repos, context.clock.now()
        view = await outreach.get_thread(repos=repos, participant=who, thread_id=data.thread_id)
        group = await repos.groups.get(view.thread.group_id) if view.thread.group_id else None
        draft = Draft(
            view.thread, view.side, who.member, data.body, data.client_key, group.kind if group else None,
            view.membership,
        )  # fmt: skip
        return who, view, await outreach.post(thread_services(context), draft, now=now)

    try:
        with access_denials():
            who, view, posted = await answer.write(send)
    except (NotSavedYetError, RefusalError, OutreachError) as error:
        return answer.error(MessageSendError, MessageSendErrorCode, error)
    loaders = context.loaders
    return MessageSendSuccess(
        thread_message=message_of(posted.message, view, who, loaders), thread=thread_of(view, who, loaders),
        signposting=signposting_of(posted),
    )  # fmt: skip
