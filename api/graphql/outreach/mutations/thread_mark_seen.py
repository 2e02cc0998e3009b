"""threadMarkSeen: the viewer's side has seen the thread up to now (the other side sees it as seen)."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, access_denials
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from api.graphql.outreach.access import participant, thread_of, thread_services
from api.graphql.outreach.types import Thread
from domain import outreach


@strawberry.enum(description="Why threadMarkSeen marked nothing.")
class ThreadMarkSeenErrorCode(Enum):
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The thread the viewer has read.")
class ThreadMarkSeenInput:
    thread_id: strawberry.ID = strawberry.field(description="One of the viewer's threads.")


@strawberry.type(description="Everything in the thread until now counts as seen by the viewer's side.")
class ThreadMarkSeenSuccess:
    thread: Thread = strawberry.field(description="The thread, from the viewer's side.")


@strawberry.type(description="Nothing was marked; `code` says why.")
class ThreadMarkSeenError:
    code: ThreadMarkSeenErrorCode = strawberry.field(description="The reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[ThreadMarkSeenErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


ThreadMarkSeenResult = Annotated[
    ThreadMarkSeenSuccess | ThreadMarkSeenError,
    strawberry.union("ThreadMarkSeenResult", description="The result of threadMarkSeen."),
]


@mutation(
    description="The viewer's side has seen the conversation up to now.",
    permission_classes=[IsMember],
)
async def thread_mark_seen(
    info: Info, data: Annotated[ThreadMarkSeenInput, strawberry.argument(name="input", description="The thread.")]
) -> ThreadMarkSeenResult:
    context = info.context
    who = await participant(info)
    with access_denials():
        view = await outreach.mark_seen(
            services=thread_services(context), participant=who, thread_id=data.thread_id, now=context.clock.now()
        )
    return ThreadMarkSeenSuccess(thread=thread_of(view, who, context.loaders))
