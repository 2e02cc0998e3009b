"""sessionCreate: a lead or co-lead plans a session, or a series, in the group's local time."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, access_denials, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from api.graphql.groups.access import group_viewer
from api.graphql.sessions.types import Session
from domain.sessions import RecurrenceDraft, SessionDraft, SessionError, SessionErrorCode, SessionView, create_session
from schemas.documents.sessions import Frequency, SessionMode


@strawberry.enum(description="Why sessionCreate planned nothing.")
class SessionCreateErrorCode(Enum):
    TITLE_LENGTH = SessionErrorCode.TITLE_LENGTH.value
    DESCRIPTION_LENGTH = SessionErrorCode.DESCRIPTION_LENGTH.value
    DATE_INVALID = SessionErrorCode.DATE_INVALID.value
    LOCAL_TIME_INVALID = SessionErrorCode.LOCAL_TIME_INVALID.value
    DURATION_OUT_OF_RANGE = SessionErrorCode.DURATION_OUT_OF_RANGE.value
    STARTS_IN_PAST = SessionErrorCode.STARTS_IN_PAST.value
    VENUE_REQUIRED = SessionErrorCode.VENUE_REQUIRED.value
    VENUE_NOT_FOUND = SessionErrorCode.VENUE_NOT_FOUND.value
    JOINING_LINK_REQUIRED = SessionErrorCode.JOINING_LINK_REQUIRED.value
    JOINING_LINK_INVALID = SessionErrorCode.JOINING_LINK_INVALID.value
    CAPACITY_OUT_OF_RANGE = SessionErrorCode.CAPACITY_OUT_OF_RANGE.value
    COUNT_OUT_OF_RANGE = SessionErrorCode.COUNT_OUT_OF_RANGE.value
    UNTIL_OUT_OF_RANGE = SessionErrorCode.UNTIL_OUT_OF_RANGE.value
    WEEK_OF_MONTH_MISMATCH = SessionErrorCode.WEEK_OF_MONTH_MISMATCH.value
    GROUP_ARCHIVED = SessionErrorCode.GROUP_ARCHIVED.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="How a series repeats; its sessions start on `date` and keep its local time.")
class RecurrenceInput:
    frequency: Frequency = strawberry.field(description="Weekly, fortnightly, or monthly on the same weekday.")
    count: int | None = strawberry.field(default=None, description="2 to 52 sessions (12 unless `until` is given).")
    until: date | None = strawberry.field(default=None, description="The last possible date, within a year.")
    week_of_month: int | None = strawberry.field(
        default=None, description="MONTHLY: 1 to 4, or -1 for the last; taken from `date` if left out."
    )


@strawberry.input(description="A session, in the group's local time.")
class SessionCreateInput:
    group_id: strawberry.ID = strawberry.field(description="The group.")
    title: str = strawberry.field(description="1 to 80 characters; what calendars show, so it may be neutral.")
    description: str = strawberry.field(default="", description="Up to 2,000 characters.")
    mode: SessionMode = strawberry.field(description="In person, online or both.")
    date: str = strawberry.field(description="The (first) day, YYYY-MM-DD, where the group is.")
    start_time: str = strawberry.field(description="HH:MM on a 24-hour clock, where the group is.")
    duration_minutes: int = strawberry.field(description="15 minutes to 8 hours.")
    venue_id: strawberry.ID | None = strawberry.field(
        default=None, description="In person: one of the group's venues (its usual one if left out)."
    )
    joining_link: str | None = strawberry.field(default=None, description="Online: an https:// address.")
    capacity: int | None = strawberry.field(default=None, description="1 to 500 places; no limit if left out.")
    recurrence: RecurrenceInput | None = strawberry.field(default=None, description="Repeat it; once if left out.")


@strawberry.type(description="The session, or every session of the series, was planned.")
class SessionCreateSuccess:
    sessions: list[Session] = strawberry.field(description="The sessions, first first.")


@strawberry.type(description="Nothing was planned; `code` and `fieldErrors` say why.")
class SessionCreateError:
    code: SessionCreateErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[SessionCreateErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


SessionCreateResult = Annotated[
    SessionCreateSuccess | SessionCreateError,
    strawberry.union("SessionCreateResult", description="The result of sessionCreate."),
]


@mutation(description="Plan a session or a series of them. Leads and co-leads.", permission_classes=[IsMember])
async def session_create(
    info: Info, data: Annotated[SessionCreateInput, strawberry.argument(name="input", description="The session.")]
) -> SessionCreateResult:
    context = info.context
    viewer = await group_viewer(info)
    rule = data.recurrence
    recurrence = (
        RecurrenceDraft(frequency=rule.frequency, count=rule.count, until=rule.until, week_of_month=rule.week_of_month)
        if rule
        else None
    )
    draft = SessionDraft(
        title=data.title, description=data.description, mode=data.mode, date=data.date, start_time=data.start_time,
        duration_minutes=data.duration_minutes, venue_id=data.venue_id, joining_link=data.joining_link,
        capacity=data.capacity, recurrence=recurrence,
    )  # fmt: skip
    now = context.clock.now()
    try:
        with access_denials():
            sessions = await create_session(repos=context.repos, viewer=viewer, group_id=data.group_id, draft=draft,
                                            now=now)  # fmt: skip
    except SessionError as error:
        return SessionCreateError(**error_fields(error, SessionCreateErrorCode))
    group = await context.repos.groups.get(data.group_id)
    assert group is not None  # noqa: S101 - the session was just made in it
    first = sessions[0]
    venue = await context.repos.venues.get(group.id, first.venue_id) if first.venue_id else None
    views = [
        SessionView(
            session=s,
            group=group,
            venue=venue,
            joining_link=s.joining_link,
            check_in_code=s.check_in_code,
            my_answer=None,
            attended=False,
        )
        for s in sessions
    ]
    return SessionCreateSuccess(sessions=[Session.from_view(view) for view in views])
