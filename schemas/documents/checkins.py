"""`checkins`: how a member is, in their own words, at a moment they chose.

Private to the member unless they share it with one of their groups. One
per (member, idempotency key): the unique pair makes a client's retry record
nothing new. A check-in never counts against anyone: there are no streaks,
and a missed day is simply absent.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from schemas.documents.base import Document, StoredDate
from schemas.documents.safeguarding_alerts import RiskLevel


class CheckInVisibility(StrEnum):
    PRIVATE = "private"  # the member alone; leads never see it in any form
    GROUP = "group"  # the members of the check-in's group


class CheckInTag(StrEnum):
    """What is on the member's mind: a fixed list, so nothing free-form leaks through tags."""

    SLEEP = "sleep"
    WORK = "work"
    SCHOOL = "school"
    FAMILY = "family"
    FRIENDS = "friends"
    RELATIONSHIPS = "relationships"
    MONEY = "money"
    HOUSING = "housing"
    HEALTH = "health"
    LONELINESS = "loneliness"
    GRIEF = "grief"
    CARING = "caring"
    WEATHER = "weather"
    EXERCISE = "exercise"


class AnsweredOccurrence(BaseModel):
    """A group's scheduled check-in that this check-in answers (made within 24 hours after it)."""

    model_config = ConfigDict(frozen=True)

    group_id: str
    scheduled_at: datetime


class CheckInDocument(Document):
    id: str = Field(alias="_id")
    member_id: str
    group_id: str | None = Field(description="The group it was made in, if any; GROUP visibility needs one.")
    mood: int = Field(description="1 (very low) to 5 (very good).")
    energy: int | None = Field(description="1 to 5, if given.")
    note: str | None = Field(description="Up to 1,000 characters; None when empty.")
    tags: tuple[CheckInTag, ...]
    visibility: CheckInVisibility
    recorded_at: datetime = Field(description="When the member checked in: now, or up to 7 days ago (offline).")
    local_day: StoredDate = Field(description="The day of `recorded_at` where the member was: the trend's day.")
    created_at: datetime = Field(description="When the service received it.")
    risk_level: RiskLevel = Field(description="What the crisis screen found in the note.")
    note_held: bool = Field(description="High risk or method detail: the note is not shown to the group (SAM-3).")
    answers: tuple[AnsweredOccurrence, ...] = Field(description="The scheduled check-ins it answers.")
    idempotency_key: str = Field(description="The client's key: unique per member.")
    request_hash: str = Field(description="A digest of what was sent, to tell a retry from a reused key.")
