"""`staff_alerts`: things about a group that staff should look at, such as a group whose
leads have all been away or quiet for 14 days.

At most one open alert per group and kind: `open_key` is `<kind>:<group id>`
while the alert is open (a unique index, so raising it twice is a no-op) and
gains the alert's own id once resolved, which frees the key for a later one.
Not for risk to a person: that is `safeguarding_alerts`.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from schemas.documents.base import Document


class StaffAlertKind(StrEnum):
    NO_ACTIVE_LEAD = "no_active_lead"  # no lead or co-lead has acted in the group for 14 days


class StaffAlertStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"  # by itself: a lead or co-lead acted again, or the group was archived


def open_key(kind: StaffAlertKind, group_id: str) -> str:
    return f"{kind.value}:{group_id}"


class StaffAlertDocument(Document):
    id: str = Field(alias="_id")
    kind: StaffAlertKind
    group_id: str
    open_key: str = Field(description="'<kind>:<group id>' while open (unique); '<kind>:<group id>:<id>' after.")
    status: StaffAlertStatus = StaffAlertStatus.OPEN
    last_leader_activity_at: datetime | None = Field(
        description="When a lead or co-lead last acted in the group, as the watch saw it."
    )
    created_at: datetime
    resolved_at: datetime | None = None
