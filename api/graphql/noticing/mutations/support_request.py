"""supportRequest: the member tells their group's leads they would welcome a message, which opens their
conversation with the group's leadership, with their own words in it if they add any (screened first).
"""

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
from domain.noticing import NoticingError, NoticingErrorCode
from domain.outreach import OutreachError, OutreachErrorCode


@strawberry.enum(description="Why supportRequest told nobody.")
class SupportRequestErrorCode(Enum):
    GROUP_ARCHIVED = NoticingErrorCode.GROUP_ARCHIVED.value
    NO_LEADER_AVAILABLE = NoticingErrorCode.NO_LEADER_AVAILABLE.value
    BODY_LENGTH = OutreachErrorCode.BODY_LENGTH.value
    BODY_CHARACTERS = OutreachErrorCode.BODY_CHARACTERS.value
    CLIENT_KEY_INVALID = OutreachErrorCode.CLIENT_KEY_INVALID.value
    CLIENT_KEY_REUSED = OutreachErrorCode.CLIENT_KEY_REUSED.value
    THREAD_CLOSED = OutreachErrorCode.THREAD_CLOSED.value
    NOT_SAVED_YET = "not_saved_yet"  # the store did not answer in time: see api/graphql/safety/answers.py
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="Which group's leads to tell, and the member's own words if they like.")
class SupportRequestInput:
    group_id: strawberry.ID = strawberry.field(description="One of the member's groups.")
    message: str | None = strawberry.field(
        default=None, description="Words of the member's own for the leads, 1 to 2,000 characters: the first message."
    )
    client_key: str | None = strawberry.field(
        default=None,
        description="With `message`: made by the app once per message (a UUID) and sent again on every retry.",
    )


@strawberry.type(
    description="The group's leads (its co-leads while every lead is away) were told that the member is having "
    "a hard time and would welcome a message: those words and the member's name, nothing else. The member's "
    "conversation with the group's leadership is open for them to answer in."
)
class SupportRequestSuccess:
    leaders_told: int = strawberry.field(description="How many leads or co-leads were told.")
    thread: Thread = strawberry.field(description="The member's conversation with the group's leads and co-leads.")
    thread_message: Message | None = strawberry.field(description="The member's words in it, when they wrote some.")
    signposting: Signposting | None = strawberry.field(
        description="Kind words and helplines when the words sent call for them; null otherwise."
    )


@strawberry.type(description="Nobody was told. A group the member is not in is NOT_FOUND, like a made-up id.")
class SupportRequestError:
    code: SupportRequestErrorCode = strawberry.field(description="The reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[SupportRequestErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )
    signposting: Signposting | None = strawberry.field(
        default=None, description="Kind words and helplines when the words sent call for them; null otherwise."
    )


SupportRequestResult = Annotated[
    SupportRequestSuccess | SupportRequestError,
    strawberry.union("SupportRequestResult", description="The result of supportRequest."),
]


@mutation(
    description="Tell one of the member's groups' leads \"I'm having a hard time and would welcome a message\" "
    "(once a day per group), opening the member's conversation with them, with their own words if they add "
    "some: the only way anything about how a member feels reaches a lead.",
    permission_classes=[WritesWhatMayNeedHelp],
    extensions=[RateLimited(Bucket.SENSITIVE)],
)
async def support_request(
    info: Info,
    data: Annotated[SupportRequestInput, strawberry.argument(name="input", description="Which group's leads.")],
) -> SupportRequestResult:
    context = info.context
    answer = CrisisAnswer.screen(context, texts=[data.message])  # before any write

    async def ask() -> tuple[outreach.Participant, outreach.SupportAsked]:
        who = await participant(info)
        return who, await outreach.ask_for_support(
            services=thread_services(context), participant=who, group_id=data.group_id, words=data.message,
            client_key=data.client_key, now=context.clock.now(),
        )  # fmt: skip

    try:
        with access_denials():
            who, asked = await answer.write(ask)
    except (NotSavedYetError, RefusalError, NoticingError, OutreachError) as error:
        return answer.error(SupportRequestError, SupportRequestErrorCode, error)
    loaders = context.loaders
    return SupportRequestSuccess(
        leaders_told=asked.leaders_told, thread=thread_of(asked.view, who, loaders),
        thread_message=message_of(asked.posted.message, asked.view, who, loaders) if asked.posted else None,
        signposting=signposting_of(asked.posted),
    )  # fmt: skip
