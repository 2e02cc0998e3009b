"""threadClose: either side ends a conversation; the member may also block the group's leads from
starting new ones (they can still start one themselves).
"""

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


@strawberry.enum(description="Why threadClose closed nothing.")
class ThreadCloseErrorCode(Enum):
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The thread to end.")
class ThreadCloseInput:
    thread_id: strawberry.ID = strawberry.field(description="One of the viewer's threads.")
    block_leads: bool = strawberry.field(
        default=False,
        description="The member only: the group's leads can no longer start conversations with them (undo with "
        "leadsBlockSet). They can still start one themselves.",
    )


@strawberry.type(description="The thread is closed (it may have been already); nothing more can be said in it.")
class ThreadCloseSuccess:
    thread: Thread = strawberry.field(description="The thread, from the viewer's side.")


@strawberry.type(description="Nothing changed; `code` says why.")
class ThreadCloseError:
    code: ThreadCloseErrorCode = strawberry.field(description="The reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[ThreadCloseErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


ThreadCloseResult = Annotated[
    ThreadCloseSuccess | ThreadCloseError,
    strawberry.union("ThreadCloseResult", description="The result of threadClose."),
]


@mutation(
    description="End a conversation, from either side; the member may also block the group's leads from "
    "starting new ones.",
    permission_classes=[IsMember],
)
async def thread_close(
    info: Info, data: Annotated[ThreadCloseInput, strawberry.argument(name="input", description="The thread.")]
) -> ThreadCloseResult:
    context = info.context
    who = await participant(info)
    with access_denials():
        view = await outreach.close_thread(
            services=thread_services(context), participant=who, thread_id=data.thread_id,
            block_leads=data.block_leads, now=context.clock.now(),
        )  # fmt: skip
    return ThreadCloseSuccess(thread=thread_of(view, who, context.loaders))
