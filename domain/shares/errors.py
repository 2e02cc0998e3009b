"""Error codes of the shares context: posting, editing, reacting."""

from __future__ import annotations

from enum import StrEnum

from domain.errors import DomainError


class ShareErrorCode(StrEnum):
    BODY_LENGTH = "body_length"
    BODY_CHARACTERS = "body_characters"
    ANONYMITY_SET_TOO_SMALL = "anonymity_set_too_small"
    MUTED = "muted"
    GROUP_ARCHIVED = "group_archived"
    EDIT_WINDOW_CLOSED = "edit_window_closed"
    NOT_EDITABLE = "not_editable"
    NOT_PUBLISHED = "not_published"
    THREAD_FULL = "thread_full"
    ALREADY_REACTED = "already_reacted"
    NOT_REACTED = "not_reacted"


class ShareError(DomainError):
    code: ShareErrorCode
