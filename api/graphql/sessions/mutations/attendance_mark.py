"""attendanceMark: a lead or co-lead takes the register: who came (from the going list, plus walk-ins)."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, access_denials, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from api.graphql.execution.input_limits import MaxItems
from api.graphql.groups.access import group_viewer
from api.graphql.sessions.types import SessionDetails
from domain.sessions import SessionError, SessionErrorCode, mark_attendance, session_detail


@strawberry.enum(description="Why attendanceMark changed nothing.")
class AttendanceMarkErrorCode(Enum):
    SESSION_CANCELLED = SessionErrorCode.SESSION_CANCELLED.value
    REGISTER_NOT_OPEN = SessionErrorCode.REGISTER_NOT_OPEN.value
    MEMBER_NOT_IN_GROUP = SessionErrorCode.MEMBER_NOT_IN_GROUP.value
    TOO_MANY_MEMBERS = SessionErrorCode.TOO_MANY_MEMBERS.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="Who came and, to correct the register, who did not.")
class AttendanceMarkInput:
    session_id: strawberry.ID = strawberry.field(description="The session.")
    present: list[strawberry.ID] = strawberry.field(
        description="Members who came (the going list and walk-ins).", directives=[MaxItems(count=100)]
    )
    absent: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="Members marked by mistake.", directives=[MaxItems(count=100)]
    )


@strawberry.type(description="The register was taken.")
class AttendanceMarkSuccess:
    session: SessionDetails = strawberry.field(description="The session with its register.")


@strawberry.type(description="Nothing changed; `code` and `fieldErrors` say why.")
class AttendanceMarkError:
    code: AttendanceMarkErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[AttendanceMarkErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


AttendanceMarkResult = Annotated[
    AttendanceMarkSuccess | AttendanceMarkError,
    strawberry.union("AttendanceMarkResult", description="The result of attendanceMark."),
]


@mutation(
    description="Take the register of a session, from 15 minutes before it starts. Leads and co-leads.",
    permission_classes=[IsMember],
)
async def attendance_mark(
    info: Info, data: Annotated[AttendanceMarkInput, strawberry.argument(name="input", description="The register.")]
) -> AttendanceMarkResult:
    context = info.context
    viewer = await group_viewer(info)
    now = context.clock.now()
    try:
        with access_denials():
            await mark_attendance(repos=context.repos, viewer=viewer, session_id=data.session_id,
                                  present=[str(i) for i in data.present], absent=[str(i) for i in data.absent],
                                  now=now)  # fmt: skip
            detail = await session_detail(repos=context.repos, viewer=viewer, session_id=data.session_id, now=now)
    except SessionError as error:
        return AttendanceMarkError(**error_fields(error, AttendanceMarkErrorCode))
    return AttendanceMarkSuccess(session=SessionDetails.from_detail(detail))
