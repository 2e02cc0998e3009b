"""`follow_ups`: 48 hours after the service showed a member high-risk support, one private
question: how are they, and did they manage to reach someone (CRISIS-8).

One per event (unique `source_key`, the screened check-in or named post, which
it points at and never copies). The member's quick answers are kept here, as a
private check-in that only they and safeguarding processes use; never shown to
a lead or a peer.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from schemas.documents.base import Document


class FollowUpStatus(StrEnum):
    SCHEDULED = "scheduled"  # waiting for `due_at`
    ASKED = "asked"  # the member was sent the question
    ANSWERED = "answered"
    SKIPPED = "skipped"  # another follow-up asked them within the day, or the member has gone


class FollowUpAnswer(BaseModel):
    """The member's quick answers: a mood on the check-in scale and one yes or no."""

    model_config = ConfigDict(frozen=True)

    mood: int = Field(ge=1, le=5)
    reached_someone: bool
    answered_at: datetime


class FollowUpDocument(Document):
    id: str = Field(alias="_id")
    source_key: str = Field(description="'<kind>:<id>' of what was screened: unique, so one follow-up per event.")
    member_id: str
    status: FollowUpStatus = FollowUpStatus.SCHEDULED
    due_at: datetime | None = Field(description="When to ask (UTC); null once asked or skipped.")
    created_at: datetime
    asked_at: datetime | None = None
    answer: FollowUpAnswer | None = None
