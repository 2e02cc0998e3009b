"""messageReport: someone in a thread reports a message to the safeguarding team, never to the leads."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated

import strawberry

import api.graphql.moderation.types  # noqa: F401 - registers ReportReason, with its description, before it is used here
from api.graphql.core.context import Info
from api.graphql.core.errors import RefusalCode, access_denials, error_fields
from api.graphql.core.fields import mutation
from api.graphql.core.permissions import IsMember
from api.graphql.core.types import FieldError
from api.graphql.execution.rate_limits import Bucket, RateLimited
from api.graphql.outreach.access import participant
from domain import outreach
from domain.outreach import MessageReportDraft, OutreachError, OutreachErrorCode
from schemas.documents.reports import ReportReason


@strawberry.enum(description="Why messageReport reported nothing.")
class MessageReportErrorCode(Enum):
    OWN_MESSAGE = OutreachErrorCode.OWN_MESSAGE.value
    ALREADY_REPORTED = OutreachErrorCode.ALREADY_REPORTED.value
    NOTE_LENGTH = OutreachErrorCode.NOTE_LENGTH.value
    NOTE_CHARACTERS = OutreachErrorCode.NOTE_CHARACTERS.value
    NOT_PERMITTED = RefusalCode.NOT_PERMITTED.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="The message, and why.")
class MessageReportInput:
    message_id: strawberry.ID = strawberry.field(description="A message someone else wrote in the viewer's thread.")
    reason: ReportReason = strawberry.field(description="Why it is reported.")
    note: str = strawberry.field(default="", description="Anything to add, up to 1,000 characters.")


@strawberry.type(
    description="The safeguarding team has it. The other side of the conversation is not told, nor are the leads."
)
class MessageReportSuccess:
    reported_at: datetime = strawberry.field(description="When it was reported.")


@strawberry.type(description="Nothing was reported; `code` and `fieldErrors` say why.")
class MessageReportError:
    code: MessageReportErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[MessageReportErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


MessageReportResult = Annotated[
    MessageReportSuccess | MessageReportError,
    strawberry.union("MessageReportResult", description="The result of messageReport."),
]


@mutation(
    description="Report a message in one of the viewer's conversations to the safeguarding team (never to the "
    "group's leads).",
    permission_classes=[IsMember],
    extensions=[RateLimited(Bucket.SENSITIVE)],
)
async def message_report(
    info: Info, data: Annotated[MessageReportInput, strawberry.argument(name="input", description="The report.")]
) -> MessageReportResult:
    context = info.context
    who = await participant(info)
    draft = MessageReportDraft(message_id=data.message_id, reason=data.reason, note=data.note)
    try:
        with access_denials():
            report = await outreach.report_message(
                repos=context.repos, participant=who, draft=draft, now=context.clock.now()
            )
    except OutreachError as error:
        return MessageReportError(**error_fields(error, MessageReportErrorCode))
    return MessageReportSuccess(reported_at=report.created_at)
