"""difficultDateAdd: the member names a day that may be hard."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from api.graphql.noticing.types import DifficultDate
from domain.noticing import DifficultDateDraft, NoticingError, NoticingErrorCode, add_difficult_date


@strawberry.enum(description="Why difficultDateAdd added nothing.")
class DifficultDateAddErrorCode(Enum):
    LABEL_LENGTH = NoticingErrorCode.LABEL_LENGTH.value
    MONTH_INVALID = NoticingErrorCode.MONTH_INVALID.value
    DAY_INVALID = NoticingErrorCode.DAY_INVALID.value
    YEAR_PAST = NoticingErrorCode.YEAR_PAST.value
    YEAR_TOO_FAR = NoticingErrorCode.YEAR_TOO_FAR.value
    TOO_MANY = NoticingErrorCode.TOO_MANY.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="A day that may be hard: every year, or once when a year is given.")
class DifficultDateAddInput:
    label: str = strawberry.field(
        description="1 to 60 characters, in the member's own words (such as 'Mum's birthday'). Private to them."
    )
    month: int = strawberry.field(description="1 to 12.")
    day: int = strawberry.field(
        description="A day the month has; 29 February is allowed and falls on 28 February in other years."
    )
    year: int | None = strawberry.field(
        default=None,
        description="Only for a day that happens once (such as a first Christmas), today or within 10 years. "
        "Leave it out for a day that comes round every year.",
    )
    share_with_leads: bool = strawberry.field(
        default=False,
        description="Give the leads of the member's groups a heads-up the evening before (their name, never the "
        "label). Off unless chosen.",
    )


@strawberry.type(description="The date was added.")
class DifficultDateAddSuccess:
    difficult_date: DifficultDate = strawberry.field(description="The new date.")


@strawberry.type(description="Nothing was added; `code` and `fieldErrors` say why.")
class DifficultDateAddError:
    code: DifficultDateAddErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[DifficultDateAddErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


DifficultDateAddResult = Annotated[
    DifficultDateAddSuccess | DifficultDateAddError,
    strawberry.union("DifficultDateAddResult", description="The result of difficultDateAdd."),
]


@mutation(
    description="Name a day that may be hard (up to 20): a gentle check-in at 09:00 that day, and, if chosen, "
    "a heads-up to the member's leads the evening before.",
    permission_classes=[IsMember],
)
async def difficult_date_add(
    info: Info,
    data: Annotated[DifficultDateAddInput, strawberry.argument(name="input", description="The day.")],
) -> DifficultDateAddResult:
    context = info.context
    member = await context.require_member()
    draft = DifficultDateDraft(
        label=data.label, month=data.month, day=data.day, year=data.year, share_with_leads=data.share_with_leads
    )
    try:
        added = await add_difficult_date(repos=context.repos, member=member, draft=draft, now=context.clock.now())
    except NoticingError as error:
        return DifficultDateAddError(**error_fields(error, DifficultDateAddErrorCode))
    return DifficultDateAddSuccess(difficult_date=DifficultDate.from_document(added))
