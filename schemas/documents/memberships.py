"""`memberships`: one member in one group (unique pair), with their role.

A removed member's membership is kept with status `removed`, so the unique
pair stops them rejoining; leaving deletes it. `last_checkin_at` is the
latest check-in that counted for this group (shared with it, or answering one
of its scheduled check-ins). `last_active_at` is the member's last named
action in the group (for a lead: moderating, answering a request, changing the
group), never anything anonymous (ANON-6). Later issues add the engagement
state and next_evaluation_at.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from schemas.documents.base import Document


class GroupRole(StrEnum):
    LEAD = "lead"
    CO_LEAD = "co_lead"
    MEMBER = "member"


class MembershipStatus(StrEnum):
    ACTIVE = "active"
    REMOVED = "removed"  # by a lead or staff; the pair stays taken so they cannot rejoin


class MembershipDocument(Document):
    id: str = Field(alias="_id")
    group_id: str
    member_id: str
    role: GroupRole
    status: MembershipStatus = MembershipStatus.ACTIVE
    joined_at: datetime
    away_until: datetime | None = Field(default=None, description="A lead or co-lead away until then.")
    last_active_at: datetime | None = Field(
        default=None,
        description="Their last named action in the group, to the hour; null until the first (joined_at stands in).",
    )
    removed_at: datetime | None = None
    last_checkin_at: datetime | None = Field(
        default=None, description="When the latest check-in that counts for this group was made; never moves back."
    )
    muted_until: datetime | None = Field(default=None, description="Muted by a moderator: reads, cannot post.")
    hidden: bool = Field(default=False, description="The member asked to be deleted: left out of member lists.")
