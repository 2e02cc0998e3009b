"""`staff_alerts`: things about a group that staff should look at, such as a group whose
leads have all been away or quiet for 14 days, or a member waiting 72 hours for a reply.

At most one open alert per group (or thread) and kind: `open_key` is `<kind>:<group id>`
(`<kind>:<thread id>`) while the alert is open (a unique index, so raising it twice is a no-op) and
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
    MEMBER_WAITING = "member_waiting"  # a member has waited 72 hours for a reply from their group's leads
    TEXT_BUDGET_LOW = "text_budget_low"  # an organisation has used 80% of this month's text budget


class StaffAlertStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"  # by itself: a lead or co-lead acted again, or the group was archived


def open_key(kind: StaffAlertKind, subject_id: str) -> str:
    """What is open at most once: a group (NO_ACTIVE_LEAD), or a thread (MEMBER_WAITING)."""
    return f"{kind.value}:{subject_id}"


class StaffAlertDocument(Document):
    id: str = Field(alias="_id")
    kind: StaffAlertKind
    group_id: str
    thread_id: str | None = Field(default=None, description="The conversation a member waits in (MEMBER_WAITING).")
    open_key: str = Field(
        description="'<kind>:<group or thread id>' while open (unique); '<kind>:<group or thread id>:<id>' after."
    )
    status: StaffAlertStatus = StaffAlertStatus.OPEN
    last_leader_activity_at: datetime | None = Field(
        default=None, description="When a lead or co-lead last acted in the group, as the watch saw it."
    )
    created_at: datetime
    resolved_at: datetime | None = None
