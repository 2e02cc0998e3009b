"""`shares` (down days) and what they share with `responses`: a status, and a time
shown only to the minute.

No author field, not even a nullable one (ANON-1): who wrote a share lives only
in `authorship` (an HMAC of the member id) and, for a share posted under the
member's name, in `bylines`. The `_id` is a random UUIDv4, so it carries no
time, process or order (ANON-3); `created_minute` is the only time ever shown
and, with the random `_id` as tiebreak, the feed's order (ANON-4).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from schemas.documents.base import Document


class ContentStatus(StrEnum):
    PUBLISHED = "published"  # the group sees it
    HELD = "held"  # high risk in a youth group: only its author and staff see it until staff review it
    HIDDEN = "hidden"  # by a moderator, or by three distinct reports, until reviewed
    REMOVED = "removed"  # by a moderator, for good (kept for the record; never shown to members)


class HiddenBy(StrEnum):
    MODERATOR = "moderator"
    REPORTS = "reports"


class ReactionKind(StrEnum):
    """Gentle reactions only: nothing that could be read as judging."""

    THINKING_OF_YOU = "thinking_of_you"
    ME_TOO = "me_too"
    HERE_FOR_YOU = "here_for_you"
    SENDING_STRENGTH = "sending_strength"


def no_reactions() -> dict[ReactionKind, int]:
    return dict.fromkeys(ReactionKind, 0)


class ShareDocument(Document):
    id: str = Field(alias="_id")
    group_id: str
    body: str
    anonymous: bool
    status: ContentStatus
    hidden_by: HiddenBy | None = None
    sensitive: bool = Field(description="The crisis screen found concern or high risk: the app shows it gently.")
    edited: bool = False
    reaction_counts: dict[ReactionKind, int] = Field(default_factory=no_reactions)
    response_count: int = Field(default=0, description="Published responses.")
    created_at: datetime = Field(description="Exact; never shown to members (the edit window reads it).")
    created_minute: datetime = Field(description="created_at truncated to the minute: the only time shown.")
