"""calendarFeedRevoke: the member's calendar address stops working."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from domain.sessions import revoke_feed


@strawberry.enum(description="Why calendarFeedRevoke changed nothing.")
class CalendarFeedRevokeErrorCode(Enum):
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.type(description="The address no longer works (whether or not there was one).")
class CalendarFeedRevokeSuccess:
    revoked: bool = strawberry.field(description="True when there was an address to stop.")


@strawberry.type(description="Nothing changed; `code` says why.")
class CalendarFeedRevokeError:
    code: CalendarFeedRevokeErrorCode = strawberry.field(description="The reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[CalendarFeedRevokeErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


CalendarFeedRevokeResult = Annotated[
    CalendarFeedRevokeSuccess | CalendarFeedRevokeError,
    strawberry.union("CalendarFeedRevokeResult", description="The result of calendarFeedRevoke."),
]


@mutation(description="Stop the member's calendar address from working.", permission_classes=[IsMember])
async def calendar_feed_revoke(info: Info) -> CalendarFeedRevokeResult:
    context = info.context
    member = await context.require_member()
    return CalendarFeedRevokeSuccess(revoked=await revoke_feed(repos=context.repos, member_id=member.id))
