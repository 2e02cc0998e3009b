"""`moderation_notices`: what an author (or a muted member) is told privately about a moderator's
action, and their one appeal.

For content, the notice holds the content's `author_key` (the same keyed hash as `authorship`,
which cannot be turned back into a member): the author finds their notices by their own key, and
nobody else can tell whose they are, the anonymous author included. A mute names its member
(`member_id`), who was named in the group anyway. The appeal is decided by the host organisation's
staff, or the platform's staff for an unhosted group; the decider sees the rule and the note, never
the author.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from schemas.documents.base import Document
from schemas.documents.moderation_actions import TargetKind


class NoticeKind(StrEnum):
    CONTENT_HIDDEN = "content_hidden"
    CONTENT_REMOVED = "content_removed"
    MUTED = "muted"


class AppealStatus(StrEnum):
    NONE = "none"
    PENDING = "pending"
    REJECTED = "rejected"  # the moderator's decision stands
    GRANTED = "granted"  # the decision is overturned: the content is back, or the mute lifted


class ModerationNoticeDocument(Document):
    id: str = Field(alias="_id")
    group_id: str
    kind: NoticeKind
    target_kind: TargetKind
    target_id: str
    rule: str = Field(description="The house rule it broke, as the moderator gave it.")
    author_key: str | None = Field(default=None, description="Content: its author's keyed hash (never a member id).")
    member_id: str | None = Field(default=None, description="A mute: the member muted.")
    muted_until: datetime | None = None
    created_at: datetime
    appeal_status: AppealStatus = AppealStatus.NONE
    appeal_note: str | None = None
    appealed_at: datetime | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None
    decision_note: str | None = None
