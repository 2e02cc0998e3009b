"""`groups`: a small peer-led group, with the counters that keep joining safe.

`member_count`, `free_slots` and `lead_count` change only by conditional
single-document updates, so capacity and "someone always leads" hold without
transactions (DESIGN §2). `lead_check_at` is when the no-active-lead watch
next looks at the group (the earliest its leads could have been quiet for 14
days), so the watch reads only groups that are due. A later issue adds the
check-in schedule and `next_checkin_at` here.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from schemas.documents.base import Document


class GroupKind(StrEnum):
    """What brings the group's members together."""

    BEREAVEMENT = "bereavement"
    YOUNG_CARERS = "young_carers"
    PARENTS = "parents"
    YOUNG_PEOPLE = "young_people"
    NEWCOMERS = "newcomers"
    GENERAL = "general"


class GroupAccess(StrEnum):
    OPEN = "open"  # discoverable; anyone eligible joins at once
    CLOSED = "closed"  # invisible to non-members; an invite code or an approved request


class SignpostLink(BaseModel):
    """A helpline or service a lead points their group to."""

    model_config = ConfigDict(frozen=True)

    name: str
    phone: str | None = None
    url: str | None = None
    description: str = ""


class GroupDocument(Document):
    id: str = Field(alias="_id")
    name: str
    description: str
    house_rules: str = ""
    kind: GroupKind
    access: GroupAccess
    youth: bool = Field(description="Members 16 to 24 only; created by staff, who assign its leads.")
    capacity: int
    timezone: str
    signposting: list[SignpostLink] = Field(default_factory=list)
    member_count: int
    free_slots: int = Field(description="capacity - member_count, kept in step by every join and leave.")
    lead_count: int = Field(description="Never above the real number of leads: removals count down first.")
    name_key: str = Field(description="Case-folded name: discovery's sort order.")
    search_text: str = Field(description="Case-folded name and description: discovery's text filter.")
    archived: bool = False
    archived_at: datetime | None = None
    lead_check_at: datetime | None = Field(
        default=None, description="When the no-active-lead watch next looks at it; null once archived and looked at."
    )
    created_by: str
    created_at: datetime
    updated_at: datetime
