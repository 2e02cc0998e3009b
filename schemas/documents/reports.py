"""`reports`: a member's report of a share, a response or another member (OSA-2).

The reporter is stored as a member id, here and nowhere else, and is shown
only on staff types (ANON-10). Unique (target, reporter): a member reporting
the same thing twice counts once, so "three distinct reporters" is a count.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from schemas.documents.base import Document


class ReportTargetKind(StrEnum):
    SHARE = "share"
    RESPONSE = "response"
    MEMBER = "member"


class ReportReason(StrEnum):
    SUICIDE_OR_SELF_HARM_RISK = "suicide_or_self_harm_risk"
    ENCOURAGING_SELF_HARM = "encouraging_self_harm"
    BULLYING_OR_HARASSMENT = "bullying_or_harassment"
    IDENTIFYING_INFORMATION = "identifying_information"
    SPAM = "spam"
    OTHER = "other"


class ReportStatus(StrEnum):
    OPEN = "open"  # waiting for the group's leads
    ESCALATED = "escalated"  # waited too long, or is about risk: staff have it too
    CLOSED = "closed"  # a moderator acted on its target, or dismissed it


class ReportDocument(Document):
    id: str = Field(alias="_id")
    group_id: str
    target_kind: ReportTargetKind
    target_id: str
    reporter_member_id: str = Field(description="Staff only; never shown to leads or the reported member.")
    reason: ReportReason
    note: str = ""
    status: ReportStatus = ReportStatus.OPEN
    created_at: datetime = Field(description="Exact: staff only.")
    created_minute: datetime = Field(description="created_at to the minute: what leads see, and their queue's order.")
    escalate_at: datetime = Field(description="When it goes to staff if still open (index: the escalation tick).")
    escalated_at: datetime | None = None
    closed_at: datetime | None = None
    closed_by_action_id: str | None = Field(default=None, description="The moderation action that closed it.")
