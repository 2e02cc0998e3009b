"""`threads`: a private conversation between one member and the leadership of one of their groups
(its leads and co-leads together, a shared inbox), or between a member and the service's
safeguarding staff. Never between two members.

At most one open thread per member and group (or per member with staff): `open_key` is
`group:<group id>:<member id>` (or `staff:<member id>`) while the thread is open, a unique
index, and `closed:<thread id>` once closed, which frees the key for a later thread.
`waiting_since` is when the member's oldest message not yet answered by the other side was
sent; `nudge_at` and `escalate_at` (indexed) are when beat's follow-through tick nudges the
group's other leaders (48 hours) and tells staff (72 hours).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from schemas.documents.base import Document


class ThreadKind(StrEnum):
    GROUP = "group"  # a member and their group's leads and co-leads
    STAFF = "staff"  # a member and the service's safeguarding team


class ThreadSide(StrEnum):
    """Who wrote, or started, or closed: the member, or the team on the other side."""

    MEMBER = "member"
    LEADERSHIP = "leadership"  # any lead or co-lead of the group
    STAFF = "staff"  # safeguarding staff


class ThreadStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class ThreadEnding(StrEnum):
    """Why a thread closed."""

    MEMBER = "member"  # the member closed it
    LEADERSHIP = "leadership"  # a lead or co-lead closed it
    STAFF = "staff"  # safeguarding staff closed it
    MEMBER_LEFT = "member_left"  # the member left the group, or was removed from it
    GROUP_ARCHIVED = "group_archived"
    ACCOUNT_DELETED = "account_deleted"  # the member's account was deleted


def group_open_key(group_id: str, member_id: str) -> str:
    return f"group:{group_id}:{member_id}"


def staff_open_key(member_id: str) -> str:
    return f"staff:{member_id}"


class ThreadDocument(Document):
    id: str = Field(alias="_id")
    kind: ThreadKind
    group_id: str | None = Field(description="The group whose leadership talks with the member; None with staff.")
    member_id: str = Field(description="The member on the member's side; a tombstone id after their account went.")
    started_by: ThreadSide
    opened_by: str = Field(description="Who started it: the member, a lead or co-lead, or a staff member.")
    staff_basis: str | None = Field(
        default=None, description="Why staff started it: 'alert:<id>' or 'reveal:<request id>'. Staff only."
    )
    open_key: str = Field(description="Unique: one open thread per member and group (or staff).")
    status: ThreadStatus = ThreadStatus.OPEN
    safeguarding_visible: bool = Field(
        description="Safeguarding staff may read it: a staff thread, or a member under 18 or in a youth group."
    )
    flagged: bool = Field(
        default=False,
        description="A message in it raised a safeguarding alert or was reported, or a member waited 72 hours: "
        "safeguarding staff may read it.",
    )
    staff_readable: bool = Field(description="safeguarding_visible or flagged: the staff list's index reads it.")
    team_writers: tuple[str, ...] = Field(
        default=(), description="Leads and co-leads who have written in it: the first told of the member's messages."
    )
    created_at: datetime
    activity_at: datetime = Field(description="The last message, or the start: the inboxes' order.")
    last_member_message_at: datetime | None = None
    last_team_message_at: datetime | None = Field(default=None, description="The other side's last message.")
    waiting_since: datetime | None = Field(
        default=None, description="The member's oldest message the other side has not answered yet."
    )
    nudge_at: datetime | None = Field(default=None, description="When the other leaders are nudged (48 hours).")
    escalate_at: datetime | None = Field(default=None, description="When staff are told the member waits (72 hours).")
    member_seen_at: datetime | None = Field(default=None, description="The member has seen everything until then.")
    team_seen_at: datetime | None = Field(
        default=None, description="The other side (any lead or co-lead, or staff) has seen everything until then."
    )
    closed_at: datetime | None = None
    closed_by: ThreadSide | None = None
    ending: ThreadEnding | None = None
