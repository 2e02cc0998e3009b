"""Error codes of the accounts context (export, deletion, restore)."""

from __future__ import annotations

from enum import StrEnum

from domain.errors import DomainError


class AccountErrorCode(StrEnum):
    CONFIRMATION_MISMATCH = "confirmation_mismatch"
    LEADERSHIP_HANDOVER_NEEDED = "leadership_handover_needed"
    NOT_PENDING_DELETION = "not_pending_deletion"
    RESTORE_TOO_LATE = "restore_too_late"
    EXPORT_ALREADY_RUNNING = "export_already_running"


class AccountError(DomainError):
    code: AccountErrorCode
