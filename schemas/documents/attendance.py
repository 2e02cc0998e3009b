"""`attendance`: who came to a session (unique per group, session and member).

Seen by the group's leads and by the member themselves, never by other members.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from schemas.documents.base import Document


class MarkedBy(StrEnum):
    LEAD = "lead"  # a lead or co-lead took the register
    SELF = "self"  # the member checked in with the code shown in the room


class AttendanceDocument(Document):
    id: str = Field(alias="_id")
    group_id: str
    session_id: str
    member_id: str
    marked: MarkedBy
    session_starts_at: datetime = Field(description="The session's start: a member's record reads in this order.")
    at: datetime
