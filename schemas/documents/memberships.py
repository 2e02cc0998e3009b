"""`memberships`: one member in one group (unique pair), with their role.

A removed member's membership is kept with status `removed`, so the unique
pair stops them rejoining; leaving deletes it. `last_checkin_at` is the
latest check-in that counted for this group (shared with it, or answering one
of its scheduled check-ins). `last_active_at` is the member's last named
action in the group (for a lead: moderating, answering a request, changing the
group), never anything anonymous (ANON-6). `last_engaged_at` is the member's
last named post (share or reply) there, to the hour; anonymous posts and
reactions never touch it (ANON-6). `next_evaluation_at` is when the quiet scan
next looks at the membership (indexed; null: nothing to look at), and `quiet`
the open quiet episode, if any (see `domain/noticing/quiet.py`).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from schemas.documents.base import Document


class GroupRole(StrEnum):
    LEAD = "lead"
    CO_LEAD = "co_lead"
    MEMBER = "member"


class MembershipStatus(StrEnum):
    ACTIVE = "active"
    REMOVED = "removed"  # by a lead or staff; the pair stays taken so they cannot rejoin


class QuietStep(StrEnum):
    """The steps of a quiet episode, in order."""

    NUDGED = "nudged"  # the member was sent one gentle nudge (if they want nudges)
    LISTED = "listed"  # 3 days on: shown to their leads, with their consent
    LAST_WORD = "last_word"  # 14 days on: one last kind message, then silence


class QuietEpisode(BaseModel):
    """A quiet spell in one group, from detection until the member is active there again."""

    model_config = ConfigDict(frozen=True)

    number: int = Field(description="The membership's episode count: part of each step's unique key.")
    started_at: datetime = Field(description="When they counted as quiet (computed, so every tick agrees).")
    since: datetime = Field(description="Their last activity in the group before it (or when they joined).")
    step: QuietStep | None = Field(default=None, description="The last step taken; None before the nudge.")
    listed_at: datetime | None = Field(
        default=None, description="Shown to the group's leads since then; only with the member's consent."
    )
    missed_sessions: bool = Field(
        default=False, description="It began because they missed the group's last 2 sessions after coming before."
    )


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
    last_engaged_at: datetime | None = Field(
        default=None, description="Their last named share or reply in the group, to the hour; never anything anonymous."
    )
    next_evaluation_at: datetime | None = Field(
        default=None, description="When the quiet scan next looks at it; a new membership is looked at when joining."
    )
    quiet: QuietEpisode | None = Field(default=None, description="The open quiet episode, if any.")
    quiet_episodes: int = Field(default=0, description="How many quiet episodes have started.")
    quiet_ended_at: datetime | None = Field(default=None, description="When the last episode ended: 14 days' rest.")
    missed_sessions_at: datetime | None = Field(
        default=None,
        description="When they were found to have missed the group's last 2 sessions after coming to 2 of the 4 "
        "before; the next quiet episode may start then (and takes it). Cleared when they come again.",
    )
    leads_blocked: bool = Field(
        default=False, description="The member blocked the group's leads from starting conversations with them."
    )

    @model_validator(mode="before")
    @classmethod
    def _evaluate_from_joining(cls, data: Any) -> Any:
        """A membership written without an evaluation time is looked at from the moment of joining."""
        if isinstance(data, dict) and "next_evaluation_at" not in data and data.get("status", "active") == "active":
            return {**data, "next_evaluation_at": data.get("joined_at")}
        return data
