"""Error codes of moderation: reports, acting on content, muting."""

from __future__ import annotations

from enum import StrEnum

from domain.errors import DomainError


class ModerationErrorCode(StrEnum):
    NOTE_LENGTH = "note_length"
    REASON_LENGTH = "reason_length"
    OWN_CONTENT = "own_content"
    CANNOT_TARGET_SELF = "cannot_target_self"
    ALREADY_REPORTED = "already_reported"
    GROUP_REQUIRED = "group_required"
    NOT_A_MEMBER = "not_a_member"
    INVALID_TRANSITION = "invalid_transition"
    HOURS_OUT_OF_RANGE = "hours_out_of_range"
    REPORT_CLOSED = "report_closed"
    ALREADY_APPEALED = "already_appealed"  # an appeal is made once
    ALREADY_DECIDED = "already_decided"


class ModerationError(DomainError):
    code: ModerationErrorCode
