"""followUpAnswer: the member answers the question the service asked 48 hours after showing
them high-risk support: how they are, and whether they managed to reach someone.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated, Self

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from api.graphql.crisis.types import Signposting
from domain.crisis import CrisisError, CrisisErrorCode, answer_follow_up
from schemas.documents.follow_ups import FollowUpDocument


@strawberry.enum(description="Why followUpAnswer kept nothing.")
class FollowUpAnswerErrorCode(Enum):
    MOOD_RANGE = CrisisErrorCode.MOOD_RANGE.value
    NOT_FOUND = CrisisErrorCode.NOT_FOUND.value
    ALREADY_ANSWERED = CrisisErrorCode.ALREADY_ANSWERED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The member's quick answers. Private: no lead or peer ever sees them.")
class FollowUpAnswerInput:
    id: strawberry.ID = strawberry.field(description="The followUpId from the notification's params.")
    mood: int = strawberry.field(description="How they are, on the check-in scale: 1 (very low) to 5 (very good).")
    reached_someone: bool = strawberry.field(description="Whether they managed to reach someone.")


@strawberry.type(description="A follow-up question the member answered.")
class FollowUp:
    id: strawberry.ID = strawberry.field(description="Opaque id of the follow-up.")
    asked_at: datetime | None = strawberry.field(description="When the member was asked.")
    mood: int = strawberry.field(description="Their answer, 1 to 5.")
    reached_someone: bool = strawberry.field(description="Whether they managed to reach someone.")
    answered_at: datetime = strawberry.field(description="When they answered.")

    @classmethod
    def from_document(cls, follow_up: FollowUpDocument) -> Self:
        answer = follow_up.answer
        if answer is None:
            raise ValueError("an unanswered follow-up has no answer to show")
        return cls(
            id=strawberry.ID(follow_up.id),
            asked_at=follow_up.asked_at,
            mood=answer.mood,
            reached_someone=answer.reached_someone,
            answered_at=answer.answered_at,
        )


@strawberry.type(description="The answers were kept.")
class FollowUpAnswerSuccess:
    follow_up: FollowUp = strawberry.field(description="The follow-up with its answers.")
    signposting: Signposting | None = strawberry.field(
        description="For a low answer (1 or 2): kind words and the member's helplines; null otherwise."
    )


@strawberry.type(description="Nothing was kept; `code` says why. Another member's follow-up is NOT_FOUND.")
class FollowUpAnswerError:
    code: FollowUpAnswerErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[FollowUpAnswerErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


FollowUpAnswerResult = Annotated[
    FollowUpAnswerSuccess | FollowUpAnswerError,
    strawberry.union("FollowUpAnswerResult", description="The result of followUpAnswer."),
]


@mutation(
    description="Answer the private question asked 48 hours after high-risk support was shown: how the member "
    "is and whether they reached someone. Once per question.",
    permission_classes=[IsMember],
)
async def follow_up_answer(
    info: Info,
    data: Annotated[FollowUpAnswerInput, strawberry.argument(name="input", description="The answers.")],
) -> FollowUpAnswerResult:
    context = info.context
    member = await context.require_member()
    try:
        answered = await answer_follow_up(
            repos=context.repos, directory=context.runtime.support, member=member, follow_up_id=data.id, mood=data.mood,
            reached_someone=data.reached_someone, now=context.clock.now(),
        )  # fmt: skip
    except CrisisError as error:
        return FollowUpAnswerError(**error_fields(error, FollowUpAnswerErrorCode))
    return FollowUpAnswerSuccess(
        follow_up=FollowUp.from_document(answered.follow_up),
        signposting=Signposting.from_result(answered.signposting),
    )
