"""`moderation_actions`: an append-only log of what leads and staff did in a group.

Each entry is an action on a target: membership and role changes, hiding,
restoring and removing content, muting members, closing reports. The
moderator is recorded; the author of anonymous content never is (ANON-10).
Content hidden by three reports is logged with no actor (`actor_role` system).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from schemas.documents.base import Document


class ModerationActionKind(StrEnum):
    MEMBER_REMOVE = "member_remove"
    LEAD_ASSIGN = "lead_assign"
    CO_LEAD_PROMOTE = "co_lead_promote"
    CO_LEAD_DEMOTE = "co_lead_demote"
    LEADERSHIP_TRANSFER = "leadership_transfer"
    CONTENT_HIDE = "content_hide"
    CONTENT_RESTORE = "content_restore"
    CONTENT_REMOVE = "content_remove"
    MEMBER_MUTE = "member_mute"
    MEMBER_UNMUTE = "member_unmute"
    REPORTS_DISMISS = "reports_dismiss"


class ActorRole(StrEnum):
    LEAD = "lead"
    CO_LEAD = "co_lead"
    STAFF = "staff"
    SYSTEM = "system"  # the service itself: content hidden by three distinct reports


class TargetKind(StrEnum):
    MEMBER = "member"
    SHARE = "share"
    RESPONSE = "response"


class ModerationActionDocument(Document):
    id: str = Field(alias="_id")
    group_id: str
    actor_member_id: str | None = Field(description="The moderator; None only for the system.")
    actor_role: ActorRole
    action: ModerationActionKind
    target_kind: TargetKind
    target_id: str
    reason: str | None = None
    created_at: datetime
