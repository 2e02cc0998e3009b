"""sessionCheckIn: a member checks themselves in with the code shown in the room, during the session."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, access_denials, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from api.graphql.execution.rate_limits import Bucket, RateLimited
from api.graphql.groups.access import group_viewer
from api.graphql.sessions.types import Session
from domain.sessions import SessionError, SessionErrorCode, check_in, session_detail


@strawberry.enum(description="Why sessionCheckIn did not check the member in.")
class SessionCheckInErrorCode(Enum):
    NOT_A_MEMBER = SessionErrorCode.NOT_A_MEMBER.value
    SESSION_CANCELLED = SessionErrorCode.SESSION_CANCELLED.value
    CHECK_IN_CLOSED = SessionErrorCode.CHECK_IN_CLOSED.value
    CHECK_IN_CODE_WRONG = SessionErrorCode.CHECK_IN_CODE_WRONG.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The session and the code its lead is showing.")
class SessionCheckInInput:
    session_id: strawberry.ID = strawberry.field(description="The session.")
    code: str = strawberry.field(description="The 6-character code shown in the room (any case).")


@strawberry.type(description="The member is checked in.")
class SessionCheckInSuccess:
    session: Session = strawberry.field(description="The session; `attended` is true.")


@strawberry.type(description="Not checked in; `code` says why.")
class SessionCheckInError:
    code: SessionCheckInErrorCode = strawberry.field(description="The reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[SessionCheckInErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


SessionCheckInResult = Annotated[
    SessionCheckInSuccess | SessionCheckInError,
    strawberry.union("SessionCheckInResult", description="The result of sessionCheckIn."),
]


@mutation(
    description="Check in to a session with the code shown in the room, from 15 minutes before it starts to its "
    "end. Members.",
    permission_classes=[IsMember],
    extensions=[RateLimited(Bucket.GUESSABLE)],  # a six-character code: guessing is slowed down
)
async def session_check_in(
    info: Info, data: Annotated[SessionCheckInInput, strawberry.argument(name="input", description="The code.")]
) -> SessionCheckInResult:
    context = info.context
    viewer = await group_viewer(info)
    now = context.clock.now()
    try:
        with access_denials():
            record = await check_in(repos=context.repos, viewer=viewer, session_id=data.session_id, code=data.code,
                                    now=now)  # fmt: skip
    except SessionError as error:
        return SessionCheckInError(**error_fields(error, SessionCheckInErrorCode))
    detail = await session_detail(repos=context.repos, viewer=viewer, session_id=record.session_id, now=now)
    return SessionCheckInSuccess(session=Session.from_view(detail.view))
