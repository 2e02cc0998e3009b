"""Error codes of the outreach context: private conversations with a group's leads or with staff."""

from __future__ import annotations

from enum import StrEnum

from domain.errors import DomainError


class OutreachErrorCode(StrEnum):
    BODY_LENGTH = "body_length"
    BODY_CHARACTERS = "body_characters"
    NOTE_LENGTH = "note_length"
    NOTE_CHARACTERS = "note_characters"
    CLIENT_KEY_INVALID = "client_key_invalid"
    CLIENT_KEY_REUSED = "client_key_reused"
    THREAD_CLOSED = "thread_closed"
    GROUP_ARCHIVED = "group_archived"
    NOT_A_MEMBER = "not_a_member"  # the person is not in the group (or never was)
    LEADER_TARGET = "leader_target"  # leads and co-leads are the group's leadership, not its members here
    NOT_ACCEPTING = "not_accepting"  # the member does not accept conversations started by leads
    EDIT_WINDOW_CLOSED = "edit_window_closed"
    NOT_EDITABLE = "not_editable"  # deleted already
    OWN_MESSAGE = "own_message"
    ALREADY_REPORTED = "already_reported"
    NO_LEADER_AVAILABLE = "no_leader_available"
    MEMBER_GONE = "member_gone"  # the member's account is deleted, or waiting to be


class OutreachError(DomainError):
    code: OutreachErrorCode
