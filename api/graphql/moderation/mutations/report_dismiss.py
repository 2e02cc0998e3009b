"""reportDismiss: a moderator finds the reports on something unfounded; content they hid comes back."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, access_denials, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from api.graphql.shares.access import publishing, request_context
from domain.moderation import ModerationError, ModerationErrorCode, dismiss_report


@strawberry.enum(description="Why reportDismiss changed nothing.")
class ReportDismissErrorCode(Enum):
    REASON_LENGTH = ModerationErrorCode.REASON_LENGTH.value
    REPORT_CLOSED = ModerationErrorCode.REPORT_CLOSED.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="A report, and why the reports on its target need no action.")
class ReportDismissInput:
    report_id: strawberry.ID = strawberry.field(description="One of the reports on the target.")
    reason: str = strawberry.field(description="1 to 500 characters, kept in the moderation log.")


@strawberry.type(description="Every report waiting on the same target was closed.")
class ReportDismissSuccess:
    report_id: strawberry.ID = strawberry.field(description="The report.")


@strawberry.type(description="Nothing was changed; `code` and `fieldErrors` say why.")
class ReportDismissError:
    code: ReportDismissErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a moderator can read.")
    field_errors: list[FieldError[ReportDismissErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


ReportDismissResult = Annotated[
    ReportDismissSuccess | ReportDismissError,
    strawberry.union("ReportDismissResult", description="The result of reportDismiss."),
]


@mutation(
    description="Close the reports on something that needs no action; what they hid comes back.",
    permission_classes=[IsMember],
)
async def report_dismiss(
    info: Info, data: Annotated[ReportDismissInput, strawberry.argument(name="input", description="Which, and why.")]
) -> ReportDismissResult:
    ctx = await request_context(info)
    try:
        with access_denials():
            report = await dismiss_report(
                publishing=publishing(info.context), reader=ctx.reader, report_id=data.report_id, reason=data.reason,
                now=ctx.now,
            )  # fmt: skip
    except ModerationError as error:
        return ReportDismissError(**error_fields(error, ReportDismissErrorCode))
    return ReportDismissSuccess(report_id=strawberry.ID(report.id))
