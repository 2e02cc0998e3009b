"""sessionAnswer: a member says going, not going or maybe; going to a full session joins the line."""

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
from api.graphql.sessions.types import Session
from domain.sessions import SessionError, SessionErrorCode, answer_session, session_detail
from schemas.documents.rsvps import Answer


@strawberry.enum(description="The answers a member gives.")
class SessionAnswerChoice(Enum):
    GOING = Answer.GOING.value
    NOT_GOING = Answer.NOT_GOING.value
    MAYBE = Answer.MAYBE.value


@strawberry.enum(description="Why sessionAnswer changed nothing.")
class SessionAnswerErrorCode(Enum):
    NOT_A_MEMBER = SessionErrorCode.NOT_A_MEMBER.value
    SESSION_CANCELLED = SessionErrorCode.SESSION_CANCELLED.value
    SESSION_STARTED = SessionErrorCode.SESSION_STARTED.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The member's answer to one session.")
class SessionAnswerInput:
    session_id: strawberry.ID = strawberry.field(description="A session of one of the member's groups.")
    answer: SessionAnswerChoice = strawberry.field(description="Going, not going or maybe.")


@strawberry.type(description="The answer was kept. `session.myAnswer` is WAITING when GOING found it full.")
class SessionAnswerSuccess:
    session: Session = strawberry.field(description="The session, with the member's answer and the count.")


@strawberry.type(description="Nothing changed; `code` says why.")
class SessionAnswerError:
    code: SessionAnswerErrorCode = strawberry.field(description="The reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[SessionAnswerErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


SessionAnswerResult = Annotated[
    SessionAnswerSuccess | SessionAnswerError,
    strawberry.union("SessionAnswerResult", description="The result of sessionAnswer."),
]


@mutation(
    description="Answer a session: going (a place, or in line for one), not going, or maybe. Members.",
    permission_classes=[IsMember],
)
async def session_answer(
    info: Info, data: Annotated[SessionAnswerInput, strawberry.argument(name="input", description="The answer.")]
) -> SessionAnswerResult:
    context = info.context
    viewer = await group_viewer(info)
    now = context.clock.now()
    try:
        with access_denials():
            rsvp = await answer_session(
                repos=context.repos, queue=context.runtime.queue, viewer=viewer, session_id=data.session_id,
                answer=Answer(data.answer.value), now=now,
            )  # fmt: skip
    except SessionError as error:
        return SessionAnswerError(**error_fields(error, SessionAnswerErrorCode))
    detail = await session_detail(repos=context.repos, viewer=viewer, session_id=rsvp.session_id, now=now)
    return SessionAnswerSuccess(session=Session.from_view(detail.view))
