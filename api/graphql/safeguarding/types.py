"""GraphQL types for safeguarding staff only (every root field reaching them needs
IsSafeguarding or HandlesAlerts).

Staff see an alert's source, a report's reporter, and, through break-glass
alone, an anonymous author. Anonymous content itself still comes through the
one serializer, with no author.
"""

from __future__ import annotations

from datetime import datetime
from typing import Self

import strawberry

import api.graphql.crisis.types  # noqa: F401 - registers RiskLevel, with its description, before it is used here
from api.graphql.shares.access import ContentContext
from api.graphql.shares.types import Response, Share, response_of, share_of
from domain.safeguarding import AlertView
from schemas.documents.author_reveals import AuthorRevealRequestDocument, RevealReason, RevealStatus
from schemas.documents.reports import ReportDocument, ReportReason, ReportStatus, ReportTargetKind
from schemas.documents.safeguarding_alerts import (
    AlertSourceKind,
    AlertStatus,
    RiskCategory,
    RiskLevel,
    SafeguardingAlertDocument,
)
from schemas.documents.safeguarding_pages import SafeguardingPageDocument

strawberry.enum(AlertSourceKind, description="What raised an alert.")
strawberry.enum(AlertStatus, description="OPEN, ACKNOWLEDGED (someone has it) or RESOLVED.")
strawberry.enum(RiskCategory, description="What the crisis screen recognised.")
strawberry.enum(RevealReason, description="Why an author must be known: risk to life, or a legal obligation.")
strawberry.enum(RevealStatus, description="PENDING until a second staff member approves.")


@strawberry.type(description="A report as staff see it: with who made it.")
class StaffReport:
    id: strawberry.ID = strawberry.field(description="The report's id.")
    group_id: strawberry.ID = strawberry.field(description="The group.")
    reason: ReportReason = strawberry.field(description="Why it was reported.")
    note: str = strawberry.field(description="What the reporter added.")
    status: ReportStatus = strawberry.field(description="Where it stands.")
    target_kind: ReportTargetKind = strawberry.field(description="What it is about.")
    target_id: strawberry.ID = strawberry.field(description="The share's, response's or member's id.")
    reporter_member_id: strawberry.ID = strawberry.field(description="Who reported it: for staff only.")
    created_at: datetime = strawberry.field(description="When it was reported.")
    escalated_at: datetime | None = strawberry.field(description="When it reached staff.")

    @classmethod
    def from_document(cls, report: ReportDocument) -> Self:
        return cls(
            id=strawberry.ID(report.id), group_id=strawberry.ID(report.group_id), reason=report.reason,
            note=report.note, status=report.status, target_kind=report.target_kind,
            target_id=strawberry.ID(report.target_id), reporter_member_id=strawberry.ID(report.reporter_member_id),
            created_at=report.created_at, escalated_at=report.escalated_at,
        )  # fmt: skip


@strawberry.type(description="One page sent about an alert: who on call was told, and when.")
class SafeguardingPage:
    step: int = strawberry.field(description="0 for the first person on duty; each missed deadline climbs one.")
    to_platform: bool = strawberry.field(description="The escalation to the platform's safeguarding staff.")
    member_ids: list[strawberry.ID] = strawberry.field(description="Who was pushed.")
    emailed: bool = strawberry.field(description="An email went (or is going) out too.")
    paged_at: datetime = strawberry.field(description="When.")
    acknowledged_at: datetime | None = strawberry.field(description="When the alert was acknowledged, if it was.")

    @classmethod
    def of(cls, page: SafeguardingPageDocument) -> Self:
        return cls(
            step=page.step, to_platform=page.to_platform, member_ids=[strawberry.ID(m) for m in page.member_ids],
            emailed=bool(page.emails), paged_at=page.paged_at, acknowledged_at=page.acknowledged_at,
        )  # fmt: skip


@strawberry.type(
    description="Something trained staff must look at: risky words, or a report about risk or left waiting."
)
class SafeguardingAlert:
    id: strawberry.ID = strawberry.field(description="The alert's id.")
    source_kind: AlertSourceKind = strawberry.field(description="What raised it.")
    source_id: strawberry.ID = strawberry.field(
        description="The check-in's, share's, response's or report's id; the message's for MESSAGE and MESSAGE_REPORT."
    )
    level: RiskLevel = strawberry.field(description="HIGH or CONCERN.")
    categories: list[RiskCategory] = strawberry.field(description="What the screen recognised; empty for reports.")
    status: AlertStatus = strawberry.field(description="Where it stands.")
    member_id: strawberry.ID | None = strawberry.field(
        description="The member, for named content and check-ins; null for anonymous content (break-glass only)."
    )
    created_at: datetime = strawberry.field(description="When it was raised.")
    acknowledged_by: strawberry.ID | None = strawberry.field(description="The staff member who took it.")
    acknowledged_at: datetime | None = strawberry.field(description="When it was taken.")
    resolved_by: strawberry.ID | None = strawberry.field(description="The staff member who resolved it.")
    resolved_at: datetime | None = strawberry.field(description="When it was resolved.")
    resolution_note: str | None = strawberry.field(description="What was done.")
    share: Share | None = strawberry.field(description="The share it is about, in any status.")
    response: Response | None = strawberry.field(description="The response it is about, in any status.")
    report: StaffReport | None = strawberry.field(description="The report it is about, with its reporter.")
    thread_id: strawberry.ID | None = strawberry.field(
        description="For MESSAGE and MESSAGE_REPORT: the conversation the message is in (open it with `thread`)."
    )
    group_id: strawberry.ID | None = strawberry.field(description="The group it arose in; null for a private check-in.")
    pages_sent: int = strawberry.field(description="How many times someone on call has been paged about it.")
    pages: list[SafeguardingPage] = strawberry.field(description="Every page about it, first first.")
    seconds_to_acknowledge: int | None = strawberry.field(
        description="From raised to first acknowledged (or resolved, if nobody acknowledged it); null until then."
    )

    @classmethod
    def from_view(cls, view: AlertView, ctx: ContentContext) -> Self:
        alert = view.alert
        return cls(
            id=strawberry.ID(alert.id), source_kind=alert.source_kind, source_id=strawberry.ID(alert.source_id),
            level=alert.level, categories=list(alert.categories), status=alert.status,
            member_id=_optional_id(alert.member_id), created_at=alert.created_at,
            acknowledged_by=_optional_id(alert.acknowledged_by), acknowledged_at=alert.acknowledged_at,
            resolved_by=_optional_id(alert.resolved_by), resolved_at=alert.resolved_at,
            resolution_note=alert.resolution_note,
            share=share_of(view.share, ctx) if view.share is not None else None,
            response=response_of(view.response, ctx) if view.response is not None else None,
            report=StaffReport.from_document(view.report) if view.report is not None else None,
            thread_id=_optional_id(view.thread_id), group_id=_optional_id(alert.group_id), pages_sent=alert.page_step,
            pages=[SafeguardingPage.of(page) for page in view.pages],
            seconds_to_acknowledge=_seconds_to_acknowledge(alert),
        )  # fmt: skip


@strawberry.type(description="A break-glass request: who wrote a share or response, for risk to life or a legal duty.")
class AuthorRevealRequest:
    id: strawberry.ID = strawberry.field(description="Give it to the second staff member who approves.")
    target_kind: ReportTargetKind = strawberry.field(description="A share or a response.")
    target_id: strawberry.ID = strawberry.field(description="Its id.")
    reason: RevealReason = strawberry.field(description="Why.")
    status: RevealStatus = strawberry.field(description="Where it stands.")
    created_at: datetime = strawberry.field(description="When it was asked.")
    expires_at: datetime = strawberry.field(description="Approval must come before this.")

    @classmethod
    def from_document(cls, request: AuthorRevealRequestDocument) -> Self:
        return cls(
            id=strawberry.ID(request.id), target_kind=request.target_kind, target_id=strawberry.ID(request.target_id),
            reason=request.reason, status=request.status, created_at=request.created_at,
            expires_at=request.expires_at,
        )  # fmt: skip


def _seconds_to_acknowledge(alert: SafeguardingAlertDocument) -> int | None:
    answered = alert.acknowledged_at or alert.resolved_at
    return int((answered - alert.created_at).total_seconds()) if answered else None


def _optional_id(value: str | None) -> strawberry.ID | None:
    return strawberry.ID(value) if value is not None else None
