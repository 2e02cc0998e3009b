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


class SafeguardingError(DomainError):
    code: SafeguardingErrorCode
