"""moderationAppeal: the author of moderated content (or a muted member) appeals once, with a note."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, RefusalError, access_denials
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import WritesWhatMayNeedHelp
from api.graphql.core.types import FieldError
from api.graphql.crisis.answers import CrisisAnswer, NotSavedYetError
from api.graphql.crisis.types import Signposting
from api.graphql.execution.rate_limits import Bucket, RateLimited
from api.graphql.moderation.notices import ModerationNotice
from api.graphql.shares.access import content_reader
from domain.moderation import ModerationError, ModerationErrorCode, appeal


@strawberry.enum(description="Why moderationAppeal did not record the appeal.")
class ModerationAppealErrorCode(Enum):
    NOTE_LENGTH = ModerationErrorCode.NOTE_LENGTH.value
    ALREADY_APPEALED = ModerationErrorCode.ALREADY_APPEALED.value
    NOT_SAVED_YET = "not_saved_yet"  # the store did not answer in time: see api/graphql/crisis/answers.py
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="Which notice, and what the member wants the decider to know.")
class ModerationAppealInput:
    notice_id: strawberry.ID = strawberry.field(description="One of the member's own notices.")
    note: str = strawberry.field(description="1 to 500 characters.")


@strawberry.type(description="The appeal is recorded; the member is told the decision.")
class ModerationAppealSuccess:
    notice: ModerationNotice = strawberry.field(description="The notice, now PENDING.")
    signposting: Signposting | None = strawberry.field(
        description="Kind words and helplines when the note calls for them; null otherwise."
    )


@strawberry.type(description="Nothing was recorded; `code` and `fieldErrors` say why.")
class ModerationAppealError:
    code: ModerationAppealErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[ModerationAppealErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )
    signposting: Signposting | None = strawberry.field(
        default=None, description="Kind words and helplines when the note calls for them; null otherwise."
    )


ModerationAppealResult = Annotated[
    ModerationAppealSuccess | ModerationAppealError,
    strawberry.union("ModerationAppealResult", description="The result of moderationAppeal."),
]


@mutation(
    description="Appeal a moderator's action on the member's own content, or their mute: once, with a note.",
    permission_classes=[WritesWhatMayNeedHelp],
    extensions=[RateLimited(Bucket.SENSITIVE)],
)
async def moderation_appeal(
    info: Info, data: Annotated[ModerationAppealInput, strawberry.argument(name="input", description="The appeal.")]
) -> ModerationAppealResult:
    context = info.context
    answer = CrisisAnswer.screen(context, texts=[data.note])  # before any write

    async def write() -> ModerationNotice:
        reader = await content_reader(info)
        notice = await appeal(
            repos=context.repos, reader=reader, notice_id=data.notice_id, note=data.note, now=context.clock.now()
        )
        return ModerationNotice.of(notice)

    try:
        with access_denials():
            notice = await answer.write(write)
    except (NotSavedYetError, RefusalError, ModerationError) as error:
        return answer.error(ModerationAppealError, ModerationAppealErrorCode, error)
    return ModerationAppealSuccess(notice=notice, signposting=answer.signposting())
