"""notificationsMarkRead: the member has seen some of their notifications."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from api.graphql.notifications.types import Notification, named_members
from domain.notifications import NotificationError, NotificationErrorCode, mark_read, unread_count


@strawberry.enum(description="Why notificationsMarkRead changed nothing.")
class NotificationsMarkReadErrorCode(Enum):
    IDS_COUNT = NotificationErrorCode.IDS_COUNT.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The notifications the member has seen.")
class NotificationsMarkReadInput:
    ids: list[strawberry.ID] = strawberry.field(description="1 to 100 ids of the member's own notifications.")


@strawberry.type(description="The member's notifications among the ids are read (the first read time stays).")
class NotificationsMarkReadSuccess:
    notifications: list[Notification] = strawberry.field(description="The member's notifications among the ids.")
    not_found_ids: list[strawberry.ID] = strawberry.field(
        description="Ids that are not the member's notifications (unknown or not theirs, alike): nothing changed."
    )
    unread_count: int = strawberry.field(description="Unread notifications left, counted up to 100.")


@strawberry.type(description="Nothing was changed; `code` says why.")
class NotificationsMarkReadError:
    code: NotificationsMarkReadErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[NotificationsMarkReadErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


NotificationsMarkReadResult = Annotated[
    NotificationsMarkReadSuccess | NotificationsMarkReadError,
    strawberry.union("NotificationsMarkReadResult", description="The result of notificationsMarkRead."),
]


@mutation(
    description="Mark some of the signed-in member's notifications read.",
    permission_classes=[IsMember],
)
async def notifications_mark_read(
    info: Info,
    data: Annotated[NotificationsMarkReadInput, strawberry.argument(name="input", description="What was seen.")],
) -> NotificationsMarkReadResult:
    context = info.context
    member = await context.require_member()
    try:
        marked = await mark_read(repos=context.repos, member=member, ids=data.ids, now=context.clock.now())
    except NotificationError as error:
        return NotificationsMarkReadError(**error_fields(error, NotificationsMarkReadErrorCode))
    names = await named_members(context, marked.notifications)
    return NotificationsMarkReadSuccess(
        notifications=[
            Notification.from_document(n, language=member.language, names=names) for n in marked.notifications
        ],
        not_found_ids=[strawberry.ID(i) for i in marked.not_found_ids],
        unread_count=await unread_count(repos=context.repos, member=member),
    )
