"""sessionCancel: a lead or co-lead cancels a session (or it and the rest of its series)."""

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
from domain.sessions import SessionError, SessionErrorCode, cancel_session


@strawberry.enum(description="Why sessionCancel cancelled nothing.")
class SessionCancelErrorCode(Enum):
    SESSION_CANCELLED = SessionErrorCode.SESSION_CANCELLED.value
    GROUP_ARCHIVED = SessionErrorCode.GROUP_ARCHIVED.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The session to cancel.")
class SessionCancelInput:
    session_id: strawberry.ID = strawberry.field(description="The session.")
    whole_series: bool = strawberry.field(default=False, description="True: this and the series' later sessions.")


@strawberry.type(description="Cancelled; those going or waiting were told.")
class SessionCancelSuccess:
    cancelled_ids: list[strawberry.ID] = strawberry.field(description="The sessions cancelled.")


@strawberry.type(description="Nothing was cancelled; `code` says why.")
class SessionCancelError:
    code: SessionCancelErrorCode = strawberry.field(description="The reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[SessionCancelErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


SessionCancelResult = Annotated[
    SessionCancelSuccess | SessionCancelError,
    strawberry.union("SessionCancelResult", description="The result of sessionCancel."),
]


@mutation(
    description="Cancel a session, or it and the rest of its series; those going are told. Leads and co-leads.",
    permission_classes=[IsMember],
)
async def session_cancel(
    info: Info, data: Annotated[SessionCancelInput, strawberry.argument(name="input", description="Which.")]
) -> SessionCancelResult:
    context = info.context
    viewer = await group_viewer(info)
    try:
        with access_denials():
            cancelled = await cancel_session(repos=context.repos, queue=context.runtime.queue, viewer=viewer,
                                             session_id=data.session_id, whole_series=data.whole_series,
                                             now=context.clock.now())  # fmt: skip
    except SessionError as error:
        return SessionCancelError(**error_fields(error, SessionCancelErrorCode))
    return SessionCancelSuccess(cancelled_ids=[strawberry.ID(session.id) for session in cancelled])
