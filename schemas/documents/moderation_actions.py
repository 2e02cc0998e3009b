"""`moderation_actions`: an append-only log of what leads and staff did in a group.

General on purpose: membership and role changes now; hiding, restoring and
removing content and muting members later, each as an action on a target.
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


class ActorRole(StrEnum):
    LEAD = "lead"
    CO_LEAD = "co_lead"
    STAFF = "staff"


class TargetKind(StrEnum):
    MEMBER = "member"


class ModerationActionDocument(Document):
    id: str = Field(alias="_id")
    group_id: str
    actor_member_id: str
    actor_role: ActorRole
    action: ModerationActionKind
    target_kind: TargetKind
    target_id: str
    reason: str | None = None
    created_at: datetime
