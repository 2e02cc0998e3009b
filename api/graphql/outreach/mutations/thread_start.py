"""threadStart: a lead or co-lead starts a conversation with a member of their group, or a member with
their group's leads ("message my group's leads"). The first message is screened like every other.
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
from domain.outreach import Opener, Opening, OutreachError, OutreachErrorCode


@strawberry.enum(description="Why threadStart started nothing.")
class ThreadStartErrorCode(Enum):
    BODY_LENGTH = OutreachErrorCode.BODY_LENGTH.value
    BODY_CHARACTERS = OutreachErrorCode.BODY_CHARACTERS.value
    CLIENT_KEY_INVALID = OutreachErrorCode.CLIENT_KEY_INVALID.value
    CLIENT_KEY_REUSED = OutreachErrorCode.CLIENT_KEY_REUSED.value
    THREAD_CLOSED = OutreachErrorCode.THREAD_CLOSED.value
    GROUP_ARCHIVED = OutreachErrorCode.GROUP_ARCHIVED.value
    NOT_A_MEMBER = OutreachErrorCode.NOT_A_MEMBER.value
    LEADER_TARGET = OutreachErrorCode.LEADER_TARGET.value
    NOT_ACCEPTING = OutreachErrorCode.NOT_ACCEPTING.value
    NO_LEADER_AVAILABLE = OutreachErrorCode.NO_LEADER_AVAILABLE.value
    NOT_SAVED_YET = "not_saved_yet"  # the store did not answer in time: see api/graphql/safety/answers.py
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="Who the conversation is with, and its first message.")
class ThreadStartInput:
    group_id: strawberry.ID = strawberry.field(description="The group: one the viewer leads, or one they are in.")
    client_key: str = strawberry.field(
        description="Made by the app once per message (a UUID) and sent again on every retry, so a retry sends "
        "nothing twice; 8 to 128 visible ASCII characters."
    )
    member_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="A lead or co-lead: the member of the group to write to. Left out: the viewer writes to their "
        "group's leads and co-leads.",
    )
    body: str | None = strawberry.field(default=None, description="The first message: 1 to 2,000 characters.")
    opener: Opener | None = strawberry.field(
        default=None,
        description="A lead may send a suggested opener instead of `body`: it goes in the member's language.",
    )


@strawberry.type(description="The conversation is open (or was already) with the first message in it.")
class ThreadStartSuccess:
    thread: Thread = strawberry.field(description="The conversation, from the viewer's side.")
    thread_message: Message = strawberry.field(description="The message sent.")
    already_open: bool = strawberry.field(
        description="A conversation between the member and the group's leadership was open already: the message "
        "was added to it."
    )
    signposting: Signposting | None = strawberry.field(
        description="Kind words and helplines when the words sent call for them; null otherwise."
    )


@strawberry.type(description="Nothing was started or sent; `code` and `fieldErrors` say why.")
class ThreadStartError:
    code: ThreadStartErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[ThreadStartErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )
    signposting: Signposting | None = strawberry.field(
        default=None, description="Kind words and helplines when the words sent call for them; null otherwise."
    )


ThreadStartResult = Annotated[
    ThreadStartSuccess | ThreadStartError,
    strawberry.union("ThreadStartResult", description="The result of threadStart."),
]


@mutation(
    description="Start a private conversation: a lead or co-lead with a member of their group (if the member "
    "allows it), or a member with their group's leads and co-leads. Where one is open, the message joins it.",
    permission_classes=[WritesWhatMayNeedHelp],
    extensions=[RateLimited(Bucket.SENSITIVE)],
)
async def thread_start(
    info: Info,
    data: Annotated[ThreadStartInput, strawberry.argument(name="input", description="Who with, and what to say.")],
) -> ThreadStartResult:
    context = info.context
    answer = CrisisAnswer.screen(context, texts=[data.body])  # before any write
    opening = Opening(client_key=data.client_key, body=data.body, opener=data.opener)

    async def start() -> tuple[outreach.Participant, outreach.Started]:
        who = await participant(info)
        services, now = thread_services(context), context.clock.now()
        if data.member_id is None:
            started = await outreach.start_with_leads(
                services=services, participant=who, group_id=data.group_id, opening=opening, now=now
            )
        else:
            started = await outreach.start_with_member(
                services=services, participant=who, group_id=data.group_id, member_id=data.member_id,
                opening=opening, now=now,
            )  # fmt: skip
        return who, started

    try:
        with access_denials():
            who, started = await answer.write(start)
    except (NotSavedYetError, RefusalError, OutreachError) as error:
        return answer.error(ThreadStartError, ThreadStartErrorCode, error)
    view, loaders = started.view, context.loaders
    return ThreadStartSuccess(
        thread=thread_of(view, who, loaders), thread_message=message_of(started.posted.message, view, who, loaders),
        already_open=started.already_open, signposting=signposting_of(started.posted),
    )  # fmt: skip
