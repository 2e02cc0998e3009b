"""Task names and payloads of the check-ins concern: beat's reminder tick and one group's reminders."""

from __future__ import annotations

from pydantic import AwareDatetime, BaseModel

REMIND_DUE = "checkins.remind_due"
REMIND_GROUP = "checkins.remind_group"


class RemindGroup(BaseModel):
    """Remind one group's members of one scheduled check-in (the value of `next_checkin_at` when it was due)."""

    group_id: str
    occurrence_at: AwareDatetime
