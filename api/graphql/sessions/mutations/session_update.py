"""sessionUpdate: a lead or co-lead changes a session, or moves one occurrence to a new time."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, access_denials, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from api.graphql.groups.access import group_viewer
from api.graphql.sessions.types import SessionDetails
from domain.sessions import SessionChanges, SessionError, SessionErrorCode, session_detail, update_session
from schemas.documents.sessions import SessionMode


@strawberry.enum(description="Why sessionUpdate changed nothing.")
class SessionUpdateErrorCode(Enum):
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
    CAPACITY_BELOW_GOING = SessionErrorCode.CAPACITY_BELOW_GOING.value
    NOTHING_TO_UPDATE = SessionErrorCode.NOTHING_TO_UPDATE.value
    SESSION_CANCELLED = SessionErrorCode.SESSION_CANCELLED.value
    GROUP_ARCHIVED = SessionErrorCode.GROUP_ARCHIVED.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="What to change; fields left out stay as they are.")
class SessionUpdateInput:
    session_id: strawberry.ID = strawberry.field(description="The session.")
    title: str | None = strawberry.field(default=None, description="1 to 80 characters.")
    description: str | None = strawberry.field(default=None, description="Up to 2,000 characters.")
    mode: SessionMode | None = strawberry.field(default=None, description="In person, online or both.")
    venue_id: strawberry.ID | None = strawberry.field(default=None, description="One of the group's venues.")
    joining_link: str | None = strawberry.field(default=None, description="An https:// address.")
    date: str | None = strawberry.field(default=None, description="Move this occurrence to this day, YYYY-MM-DD.")
    start_time: str | None = strawberry.field(default=None, description="Move this occurrence to this time, HH:MM.")
    duration_minutes: int | None = strawberry.field(default=None, description="15 minutes to 8 hours.")
    capacity: int | None = strawberry.field(default=None, description="1 to 500 places, not below those going.")
    clear_capacity: bool = strawberry.field(default=False, description="True: no limit on places.")
    whole_series: bool = strawberry.field(
        default=False,
        description="Apply the changes (not a new date or time) to this and the series' later sessions too.",
    )


@strawberry.type(description="The session was changed; those going heard if it moved.")
class SessionUpdateSuccess:
    session: SessionDetails = strawberry.field(description="The session, as stored now.")


@strawberry.type(description="Nothing was changed; `code` and `fieldErrors` say why.")
class SessionUpdateError:
    code: SessionUpdateErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[SessionUpdateErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


SessionUpdateResult = Annotated[
    SessionUpdateSuccess | SessionUpdateError,
    strawberry.union("SessionUpdateResult", description="The result of sessionUpdate."),
]


@mutation(
    description="Change a session, or move one occurrence; those going are told of a move. Leads and co-leads.",
    permission_classes=[IsMember],
)
async def session_update(
    info: Info, data: Annotated[SessionUpdateInput, strawberry.argument(name="input", description="The changes.")]
) -> SessionUpdateResult:
    context = info.context
    viewer = await group_viewer(info)
    changes = SessionChanges(
        title=data.title, description=data.description, mode=data.mode, venue_id=data.venue_id,
        joining_link=data.joining_link, date=data.date, start_time=data.start_time,
        duration_minutes=data.duration_minutes, capacity=data.capacity, clear_capacity=data.clear_capacity,
        whole_series=data.whole_series,
    )  # fmt: skip
    now = context.clock.now()
    try:
        with access_denials():
            await update_session(repos=context.repos, queue=context.runtime.queue, viewer=viewer,
                                 session_id=data.session_id, changes=changes, now=now)  # fmt: skip
            detail = await session_detail(repos=context.repos, viewer=viewer, session_id=data.session_id, now=now)
    except SessionError as error:
        return SessionUpdateError(**error_fields(error, SessionUpdateErrorCode))
    return SessionUpdateSuccess(session=SessionDetails.from_detail(detail))
