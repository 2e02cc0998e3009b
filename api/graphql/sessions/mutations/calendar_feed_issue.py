"""calendarFeedIssue: a member gets a secret calendar address listing the sessions they are going to."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from domain.sessions import feed_path, issue_feed


@strawberry.enum(description="Why calendarFeedIssue made no address.")
class CalendarFeedIssueErrorCode(Enum):
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.type(description="The new address; any earlier one has stopped working.")
class CalendarFeedIssueSuccess:
    url: str = strawberry.field(
        description="Shown once: add it to a calendar app. Anyone with it sees the sessions you're going to."
    )


@strawberry.type(description="No address was made; `code` says why.")
class CalendarFeedIssueError:
    code: CalendarFeedIssueErrorCode = strawberry.field(description="The reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[CalendarFeedIssueErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


CalendarFeedIssueResult = Annotated[
    CalendarFeedIssueSuccess | CalendarFeedIssueError,
    strawberry.union("CalendarFeedIssueResult", description="The result of calendarFeedIssue."),
]


@mutation(
    description="Make (or remake) the member's secret calendar address (iCalendar) of the sessions they're going "
    "to; a remade address replaces the old one.",
    permission_classes=[IsMember],
)
async def calendar_feed_issue(info: Info) -> CalendarFeedIssueResult:
    context = info.context
    member = await context.require_member()
    token = await issue_feed(repos=context.repos, member_id=member.id, now=context.clock.now())
    base = context.runtime.settings.calendar.public_base_url.rstrip("/")
    return CalendarFeedIssueSuccess(url=f"{base}{feed_path(token)}")
