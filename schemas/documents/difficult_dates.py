"""`difficult_dates`: days a member has said may be hard (an anniversary, a first Christmas).

The label is the member's alone: nobody else ever reads it, and no
notification carries it. Each date holds the next moment the service acts on
it, in UTC, so the worker reads only what is due through an index: the
member's gentle check-in (09:00 on the day, in their time zone) and, when they
chose to share the date, the heads-up their leads get the evening before.
Both move on to the next year once done; a date with a year happens once.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from schemas.documents.base import Document, StoredDate

MAX_PER_MEMBER = 20


class DifficultDateDocument(Document):
    id: str = Field(alias="_id")
    member_id: str
    slot: int = Field(
        ge=0, lt=MAX_PER_MEMBER, description="Unique with member_id: the per-member cap, held by an index."
    )
    label: str = Field(description="The member's own words for it; private to them.")
    month: int
    day: int
    year: int | None = Field(default=None, description="Set for a date that happens once; null: every year.")
    month_day: str = Field(description="'MM-DD': the order the member's list is read in.")
    share_with_leads: bool
    created_at: datetime
    check_in_on: StoredDate | None = Field(description="The member's local day of the next check-in.")
    next_check_in_at: datetime | None = Field(description="09:00 on that day in the member's zone, in UTC.")
    heads_up_on: StoredDate | None = Field(default=None, description="The day leads are next told about.")
    next_heads_up_at: datetime | None = Field(
        default=None, description="When the worker next looks at telling leads; null when not shared or passed."
    )
