"""staffThreadStart: safeguarding staff reach the member behind an alert, or behind anonymous words after
an approved break-glass reveal (by its approver alone). The thread is the member's and staff's only.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, access_denials, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import HandlesAlerts, IsMember
from api.graphql.core.types import FieldError
from api.graphql.execution.rate_limits import Bucket, RateLimited
from api.graphql.outreach.access import message_of, participant, thread_of, thread_services
from api.graphql.outreach.types import Message, Thread
from api.graphql.shares.access import anonymity_key
from domain.outreach import Opening, OutreachError, OutreachErrorCode
from domain.safeguarding import Basis, SafeguardingError, SafeguardingErrorCode, reach_member


@strawberry.enum(description="Why staffThreadStart started nothing.")
class StaffThreadStartErrorCode(Enum):
    BASIS_REQUIRED = SafeguardingErrorCode.BASIS_REQUIRED.value
    ALERT_WITHOUT_MEMBER = SafeguardingErrorCode.ALERT_WITHOUT_MEMBER.value
    REVEAL_NOT_APPROVED = SafeguardingErrorCode.REVEAL_NOT_APPROVED.value
    NOT_THE_APPROVER = SafeguardingErrorCode.NOT_THE_APPROVER.value
    NOT_THE_AUTHOR = SafeguardingErrorCode.NOT_THE_AUTHOR.value
    AUTHOR_NOT_FOUND = SafeguardingErrorCode.AUTHOR_NOT_FOUND.value
    MEMBER_GONE = OutreachErrorCode.MEMBER_GONE.value
    BODY_LENGTH = OutreachErrorCode.BODY_LENGTH.value
    BODY_CHARACTERS = OutreachErrorCode.BODY_CHARACTERS.value
    CLIENT_KEY_INVALID = OutreachErrorCode.CLIENT_KEY_INVALID.value
    CLIENT_KEY_REUSED = OutreachErrorCode.CLIENT_KEY_REUSED.value
    THREAD_CLOSED = OutreachErrorCode.THREAD_CLOSED.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="Who to reach (through one alert, or one approved reveal), and the first message.")
class StaffThreadStartInput:
    body: str = strawberry.field(description="The first message: 1 to 2,000 characters.")
    client_key: str = strawberry.field(
        description="Made by the console once per message and sent again on every retry; 8 to 128 visible ASCII "
        "characters."
    )
    alert_id: strawberry.ID | None = strawberry.field(
        default=None, description="A safeguarding alert about a named member's words or a reported message."
    )
    reveal_request_id: strawberry.ID | None = strawberry.field(
        default=None, description="A break-glass request the viewer approved (with `memberId`, which it returned)."
    )
    member_id: strawberry.ID | None = strawberry.field(
        default=None, description="With `revealRequestId`: the member the approval named."
    )


@strawberry.type(description="The conversation with the member is open (or was already), with the message in it.")
class StaffThreadStartSuccess:
    thread: Thread = strawberry.field(description="The staff conversation.")
    thread_message: Message = strawberry.field(description="The message sent.")
    already_open: bool = strawberry.field(description="A staff conversation with the member was open already.")


@strawberry.type(description="Nothing was started or sent; `code` and `fieldErrors` say why.")
class StaffThreadStartError:
    code: StaffThreadStartErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence staff can read.")
    field_errors: list[FieldError[StaffThreadStartErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


StaffThreadStartResult = Annotated[
    StaffThreadStartSuccess | StaffThreadStartError,
    strawberry.union("StaffThreadStartResult", description="The result of staffThreadStart."),
]


@mutation(
    description="Safeguarding staff reach the member behind an alert or an approved break-glass reveal: a "
    "conversation between the member and the safeguarding team only. Safeguarding staff only: the platform's, "
    "or for a group an organisation hosts, its ORG_SAFEGUARDING staff.",
    permission_classes=[IsMember, HandlesAlerts],
    extensions=[RateLimited(Bucket.SENSITIVE)],
)
async def staff_thread_start(
    info: Info,
    data: Annotated[StaffThreadStartInput, strawberry.argument(name="input", description="Who, and what to say.")],
) -> StaffThreadStartResult:
    context = info.context
    who = await participant(info)
    basis = Basis(alert_id=data.alert_id, reveal_request_id=data.reveal_request_id, member_id=data.member_id)
    try:
        with access_denials():
            started = await reach_member(
                services=thread_services(context), key=anonymity_key(context), staff=who, basis=basis,
                opening=Opening(client_key=data.client_key, body=data.body), now=context.clock.now(),
            )  # fmt: skip
    except (SafeguardingError, OutreachError) as error:
        return StaffThreadStartError(**error_fields(error, StaffThreadStartErrorCode))
    view, loaders = started.view, context.loaders
    return StaffThreadStartSuccess(
        thread=thread_of(view, who, loaders),
        thread_message=message_of(started.posted.message, view, who, loaders),
        already_open=started.already_open,
    )
