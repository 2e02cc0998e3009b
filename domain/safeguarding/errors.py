"""Error codes of the safeguarding staff's work: alerts and break-glass."""

from __future__ import annotations

from enum import StrEnum

from domain.errors import DomainError


class SafeguardingErrorCode(StrEnum):
    NOTE_LENGTH = "note_length"
    ALREADY_ACKNOWLEDGED = "already_acknowledged"
    ALREADY_RESOLVED = "already_resolved"
    JUSTIFICATION_LENGTH = "justification_length"
    SELF_APPROVAL = "self_approval"
    ALREADY_APPROVED = "already_approved"
    REQUEST_EXPIRED = "request_expired"
    AUTHOR_NOT_FOUND = "author_not_found"
    BASIS_REQUIRED = "basis_required"  # reaching a member needs one alert or one approved reveal
    ALERT_WITHOUT_MEMBER = "alert_without_member"  # anonymous words: only break-glass finds the member
    REVEAL_NOT_APPROVED = "reveal_not_approved"
    NOT_THE_APPROVER = "not_the_approver"
    NOT_THE_AUTHOR = "not_the_author"


class SafeguardingError(DomainError):
    code: SafeguardingErrorCode
