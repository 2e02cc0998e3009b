"""reportCreate: a member reports a share, a response or a member; only staff ever see who reported."""

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
from api.graphql.moderation.types import ReportReceipt
from api.graphql.shares.access import publishing, request_context
from domain.moderation import ModerationError, ModerationErrorCode, ReportDraft, create_report
from schemas.documents.reports import ReportReason, ReportTargetKind


@strawberry.enum(description="Why reportCreate recorded nothing.")
class ReportCreateErrorCode(Enum):
    OWN_CONTENT = ModerationErrorCode.OWN_CONTENT.value
    CANNOT_TARGET_SELF = ModerationErrorCode.CANNOT_TARGET_SELF.value
    ALREADY_REPORTED = ModerationErrorCode.ALREADY_REPORTED.value
    GROUP_REQUIRED = ModerationErrorCode.GROUP_REQUIRED.value
    NOT_A_MEMBER = ModerationErrorCode.NOT_A_MEMBER.value
    NOTE_LENGTH = ModerationErrorCode.NOTE_LENGTH.value
    ACCOUNT_DELETION_PENDING = RefusalCode.ACCOUNT_DELETION_PENDING.value


@strawberry.input(description="What to report, and why.")
class ReportCreateInput:
    target_kind: ReportTargetKind = strawberry.field(description="A share, a response, or a member.")
    target_id: strawberry.ID = strawberry.field(description="The share's, response's or member's id.")
    group_id: strawberry.ID | None = strawberry.field(
        default=None, description="For a member: the group they are reported in. Ignored for content."
    )
    reason: ReportReason = strawberry.field(description="Why.")
    note: str = strawberry.field(default="", description="Anything the leads should know; up to 500 characters.")


@strawberry.type(description="The report was sent to the group's leads (and, when about risk, to staff).")
class ReportCreateSuccess:
    report: ReportReceipt = strawberry.field(description="The report.")


@strawberry.type(description="Nothing was recorded; `code` and `fieldErrors` say why.")
class ReportCreateError:
    code: ReportCreateErrorCode = strawberry.field(description="The first reason.")
    message: str = strawberry.field(description="A sentence a member can read.")
    field_errors: list[FieldError[ReportCreateErrorCode]] = strawberry.field(
        description="Every input field that was not accepted."
    )


ReportCreateResult = Annotated[
    ReportCreateSuccess | ReportCreateError,
    strawberry.union("ReportCreateResult", description="The result of reportCreate."),
]


@mutation(
    description="Report a share, a response or a member. The reporter is never shown to anyone but staff.",
    permission_classes=[IsMember],
    extensions=[RateLimited(Bucket.SENSITIVE)],
)
async def report_create(
    info: Info, data: Annotated[ReportCreateInput, strawberry.argument(name="input", description="What and why.")]
) -> ReportCreateResult:
    ctx = await request_context(info)
    draft = ReportDraft(
        target_kind=data.target_kind, target_id=data.target_id, group_id=data.group_id, reason=data.reason,
        note=data.note,
    )  # fmt: skip
    try:
        with access_denials():
            report = await create_report(
                publishing=publishing(info.context), reader=ctx.reader, draft=draft, now=ctx.now
            )
    except ModerationError as error:
        return ReportCreateError(**error_fields(error, ReportCreateErrorCode))
    return ReportCreateSuccess(report=ReportReceipt.from_document(report))
