"""checkInSubmit: a member says how they are; a low check-in is met at once with their helplines."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.checkins.types import CheckIn
from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, RefusalError, access_denials
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import WritesWhatMayNeedHelp
from api.graphql.core.types import FieldError
from api.graphql.crisis.answers import CrisisAnswer, NotSavedYetError
from api.graphql.crisis.types import Signposting
from api.graphql.execution.input_limits import MaxItems
from api.graphql.execution.rate_limits import Bucket, RateLimited
from domain.checkins import CheckInDraft, CheckInError, CheckInErrorCode, Submitted, submit_check_in
from schemas.documents.checkins import CheckInTag, CheckInVisibility


@strawberry.enum(description="Why checkInSubmit recorded nothing.")
class CheckInSubmitErrorCode(Enum):
    MOOD_OUT_OF_RANGE = CheckInErrorCode.MOOD_OUT_OF_RANGE.value
    ENERGY_OUT_OF_RANGE = CheckInErrorCode.ENERGY_OUT_OF_RANGE.value
    NOTE_TOO_LONG = CheckInErrorCode.NOTE_TOO_LONG.value
    NOTE_CHARACTERS = CheckInErrorCode.NOTE_CHARACTERS.value
    TOO_MANY_TAGS = CheckInErrorCode.TOO_MANY_TAGS.value
    TAGS_REPEATED = CheckInErrorCode.TAGS_REPEATED.value
    VISIBILITY_NEEDS_GROUP = CheckInErrorCode.VISIBILITY_NEEDS_GROUP.value
    RECORDED_AT_INVALID = CheckInErrorCode.RECORDED_AT_INVALID.value
    RECORDED_AT_IN_FUTURE = CheckInErrorCode.RECORDED_AT_IN_FUTURE.value
    RECORDED_AT_TOO_OLD = CheckInErrorCode.RECORDED_AT_TOO_OLD.value
    IDEMPOTENCY_KEY_INVALID = CheckInErrorCode.IDEMPOTENCY_KEY_INVALID.value
    IDEMPOTENCY_KEY_REUSED = CheckInErrorCode.IDEMPOTENCY_KEY_REUSED.value
    GROUP_ARCHIVED = CheckInErrorCode.GROUP_ARCHIVED.value
    NOT_SAVED_YET = "not_saved_yet"  # the store did not answer in time: see api/graphql/safety/answers.py
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="How the member is. Only the mood and the key are required.")
class CheckInSubmitInput:
    mood: int = strawberry.field(description="1 (very low) to 5 (very good).")
    idempotency_key: str = strawberry.field(
        description="Made by the app once per check-in (a UUID) and sent again on every retry, so a retry "
        "records nothing new; 8 to 128 visible ASCII characters."
    )
    energy: int | None = strawberry.field(default=None, description="1 to 5.")
    note: str | None = strawberry.field(default=None, description="Up to 1,000 characters.")
    tags: list[CheckInTag] = strawberry.field(
        default_factory=list, description="Up to 5, each once.", directives=[MaxItems(count=10)]
    )
    visibility: CheckInVisibility = strawberry.field(
        default=CheckInVisibility.PRIVATE, description="PRIVATE (the default) or GROUP, which needs `groupId`."
    )
    group_id: strawberry.ID | None = strawberry.field(
        default=None, description="A group the member is in, to share with (GROUP) or just to check in with."
    )
    recorded_at: datetime | None = strawberry.field(
        default=None,
        description="When the member checked in, for a check-in made offline: up to 7 days ago, never in the "
        "future; null means now.",
    )

    def to_draft(self) -> CheckInDraft:
        return CheckInDraft(
            mood=self.mood, idempotency_key=self.idempotency_key, energy=self.energy, note=self.note,
            tags=tuple(self.tags), visibility=self.visibility, group_id=self.group_id, recorded_at=self.recorded_at,
        )  # fmt: skip


@strawberry.type(description="The check-in was recorded (or had been, for a retry with the same key).")
class CheckInSubmitSuccess:
    check_in: CheckIn = strawberry.field(description="The check-in as stored.")
    signposting: Signposting | None = strawberry.field(
        description="Kind words and the member's helplines when the mood or the note calls for them; null otherwise."
    )


@strawberry.type(description="Nothing was recorded; `code` and `fieldErrors` say why.")
class CheckInSubmitError:
    code: CheckInSubmitErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[CheckInSubmitErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )
    signposting: Signposting | None = strawberry.field(
        default=None,
        description="Kind words and helplines when the words sent call for them, saved or not; null otherwise.",
    )


CheckInSubmitResult = Annotated[
    CheckInSubmitSuccess | CheckInSubmitError,
    strawberry.union("CheckInSubmitResult", description="The result of checkInSubmit."),
]


@mutation(
    description="Record how the member is (once per idempotency key). A low mood or worrying words bring "
    "kind words and the member's helplines in the same response.",
    permission_classes=[WritesWhatMayNeedHelp],
    # Member content that can raise safeguarding alerts; the bucket lets it through when Redis is down.
    extensions=[RateLimited(Bucket.SENSITIVE)],
)
async def check_in_submit(
    info: Info,
    data: Annotated[CheckInSubmitInput, strawberry.argument(name="input", description="The check-in.")],
) -> CheckInSubmitResult:
    context = info.context
    answer = CrisisAnswer.screen(context, texts=[data.note], mood=data.mood, group_id=data.group_id)  # before any write

    async def record() -> Submitted:
        member = await context.require_member()
        return await submit_check_in(
            repos=context.repos, directory=context.runtime.support, member=member, draft=data.to_draft(),
            now=context.clock.now(),
        )  # fmt: skip

    try:
        with access_denials():
            submitted = await answer.write(record)
    except (NotSavedYetError, RefusalError, CheckInError) as error:
        return answer.error(CheckInSubmitError, CheckInSubmitErrorCode, error)
    return CheckInSubmitSuccess(
        check_in=CheckIn.from_document(submitted.check_in),
        signposting=Signposting.from_result(submitted.signposting),
    )
