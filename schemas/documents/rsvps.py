"""`rsvps`: a member's answer to one session (unique per group, session and member).

WAITING is not an answer a member gives: it is GOING for a full session, in the
order of `wait_position`, until a place frees and the first in line is promoted.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from schemas.documents.base import Document


class Answer(StrEnum):
    GOING = "going"
    NOT_GOING = "not_going"
    MAYBE = "maybe"
    WAITING = "waiting"


class RsvpDocument(Document):
    id: str = Field(alias="_id")
    group_id: str
    session_id: str
    member_id: str
    answer: Answer
    wait_position: int | None = Field(default=None, description="Place in the waiting list; None unless WAITING.")
    answered_at: datetime
