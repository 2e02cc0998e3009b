"""GraphQL types of moderation, for leads, co-leads and staff: reports as a moderator sees them.

A report shows its reason, its note and what it is about; never who made it
(ANON-10). Reported content is shaped by the same serializers as the feed, so
it carries no author either.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated, Self

import strawberry

from api.graphql.shares.access import ContentContext
from api.graphql.shares.types import (
    AnonymousResponse,
    AnonymousShare,
    NamedResponse,
    NamedShare,
    Response,
    Share,
    response_of,
    share_of,
)
from domain.moderation import Content as ModeratedContent
from domain.moderation import ContentAction, QueueItem
from domain.shares import Seen, Standing
from schemas.documents.members import MemberDocument
from schemas.documents.reports import ReportDocument, ReportReason, ReportStatus, ReportTargetKind
from schemas.documents.responses import ResponseDocument
from schemas.documents.shares import ShareDocument

strawberry.enum(ReportReason, description="Why something was reported; the first two go to trained staff at once.")
strawberry.enum(ReportTargetKind, description="What a report is about: a share, a response or a member.")
strawberry.enum(
    ReportStatus,
    description="OPEN: with the group's leads. ESCALATED: staff have it too. CLOSED: a moderator acted on it.",
)
strawberry.enum(ContentAction, name="ModerationAction", description="What a moderator does to content.")


@strawberry.enum(description="Which kind of content: a share or a response.")
class ContentKind(Enum):
    SHARE = ReportTargetKind.SHARE.value
    RESPONSE = ReportTargetKind.RESPONSE.value

    @property
    def target_kind(self) -> ReportTargetKind:
        return ReportTargetKind(self.value)


@strawberry.type(description="A reported member, as the group's members know them.")
class ReportedMember:
    id: strawberry.ID = strawberry.field(description="The member's id in the group.")
    display_name: str = strawberry.field(description="The name they chose.")


ReportTarget = Annotated[
    AnonymousShare | NamedShare | AnonymousResponse | NamedResponse | ReportedMember,
    strawberry.union("ReportTarget", description="What a report is about."),
]
ContentItem = Annotated[
    AnonymousShare | NamedShare | AnonymousResponse | NamedResponse,
    strawberry.union("ContentItem", description="A share or a response, as the viewer may see it."),
]


@strawberry.type(description="A report waiting in a group's moderation queue. Who made it is never shown here.")
class Report:
    id: strawberry.ID = strawberry.field(description="The report's id.")
    reason: ReportReason = strawberry.field(description="Why it was reported.")
    note: str = strawberry.field(description="What the reporter added; may be empty.")
    status: ReportStatus = strawberry.field(description="OPEN, or ESCALATED once staff have it too.")
    target_kind: ReportTargetKind = strawberry.field(description="What it is about.")
    target: ReportTarget | None = strawberry.field(
        description="What it is about; null when it is gone (deleted by its author) or staff have it in review."
    )
    created_at: datetime = strawberry.field(description="When it was reported, to the minute.")

    @classmethod
    def from_item(cls, item: QueueItem, ctx: ContentContext) -> Self:
        report = item.report
        target: ReportTarget | None = None
        if item.share is not None:
            target = share_of(item.share, ctx)  # type: ignore[assignment]
        elif item.response is not None:
            target = response_of(item.response, ctx)  # type: ignore[assignment]
        elif item.member is not None:
            target = _member(item.member)
        return cls(
            id=strawberry.ID(report.id), reason=report.reason, note=report.note, status=report.status,
            target_kind=report.target_kind, target=target, created_at=report.created_minute,
        )  # fmt: skip


@strawberry.type(description="A report as its reporter sees it after sending.")
class ReportReceipt:
    id: strawberry.ID = strawberry.field(description="The report's id.")
    reason: ReportReason = strawberry.field(description="Why it was reported.")
    target_kind: ReportTargetKind = strawberry.field(description="What it is about.")
    target_id: strawberry.ID = strawberry.field(description="The share's, response's or member's id.")

    @classmethod
    def from_document(cls, report: ReportDocument) -> Self:
        return cls(
            id=strawberry.ID(report.id), reason=report.reason, target_kind=report.target_kind,
            target_id=strawberry.ID(report.target_id),
        )  # fmt: skip


def content_item(content: ModeratedContent, standing: Standing, ctx: ContentContext) -> ContentItem:
    """A moderated share or response through the one serializer of each."""
    item = content.item
    if isinstance(item, ShareDocument):
        shown: Share = share_of(Seen(item, item.status, standing), ctx)
        return shown  # type: ignore[return-value]
    assert isinstance(item, ResponseDocument)  # noqa: S101 - content is a share or a response
    reply: Response = response_of(Seen(item, item.status, standing), ctx)
    return reply  # type: ignore[return-value]


def _member(member: MemberDocument) -> ReportedMember:
    return ReportedMember(id=strawberry.ID(member.id), display_name=member.display_name)
