"""Break-glass (ANON-12): `author_reveal_requests` and their append-only `author_reveal_audit`.

A request names the content and a reason code; a different staff member
approves it, and only then, to that approver alone, is the author's member id
returned. The audit records who asked, who approved, on whose authority (the
platform's, or the organisation hosting the group) and what for; it never
records the member id it revealed, so the log is not a second link.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from schemas.documents.base import Document
from schemas.documents.reports import ReportTargetKind


class RevealReason(StrEnum):
    RISK_TO_LIFE = "risk_to_life"  # imminent risk to life (CRISIS-7)
    LEGAL_OBLIGATION = "legal_obligation"  # a court order or a statutory duty


class RevealStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"


class RevealStep(StrEnum):
    REQUESTED = "requested"
    APPROVED = "approved"


class RevealOutcome(StrEnum):
    PENDING = "pending"
    AUTHOR_FOUND = "author_found"
    AUTHOR_NOT_FOUND = "author_not_found"  # the account has gone


class AuthorRevealRequestDocument(Document):
    id: str = Field(alias="_id")
    target_kind: ReportTargetKind
    target_id: str
    group_id: str
    reason: RevealReason
    justification: str
    requested_by: str = Field(description="The requesting staff member's id.")
    organisation_id: str | None = Field(
        default=None,
        description="The organisation on whose authority it was asked (hosting the group); None: the "
        "platform's safeguarding staff.",
    )
    status: RevealStatus = RevealStatus.PENDING
    created_at: datetime
    expires_at: datetime
    approved_by: str | None = None
    approved_at: datetime | None = None


class AuthorRevealAuditDocument(Document):
    """One step of one request. `_id` is "<step>:<request id>": each step happens once."""

    id: str = Field(alias="_id")
    request_id: str
    step: RevealStep
    staff_member_id: str
    organisation_id: str | None = Field(
        default=None, description="The organisation on whose authority this step was taken; None: the platform's."
    )
    target_kind: ReportTargetKind
    target_id: str
    reason: RevealReason
    outcome: RevealOutcome
    at: datetime


def audit_key(step: RevealStep, request_id: str) -> str:
    return f"{step.value}:{request_id}"
