"""`groups`: a small peer-led group, with the counters that keep joining safe.

`member_count`, `free_slots` and `lead_count` change only by conditional
single-document updates, so capacity and "someone always leads" hold without
transactions (DESIGN §2). The check-in schedule is a rule (weekdays and a
wall-clock time in the group's zone) with its next occurrence in UTC,
`next_checkin_at`, which beat's reminder tick reads through an index.
`lead_check_at` is when the no-active-lead watch next looks at the group (the
earliest its leads could have been quiet for 14 days), so the watch reads
only groups that are due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from schemas.commands import KEEP, Keep
from schemas.documents.base import Document
from schemas.documents.members import Nation
from schemas.documents.weekdays import Weekday


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


class CheckInSchedule(BaseModel):
    """When the group checks in: these weekdays, at this wall-clock time in the group's time zone."""

    model_config = ConfigDict(frozen=True)

    weekdays: tuple[Weekday, ...] = Field(description="Monday first, each at most once, at least one.")
    local_time: str = Field(description="HH:MM on a 24-hour clock.")


class QuietPolicy(BaseModel):
    """When a member of this group counts as quiet (read by quiet-member detection)."""

    model_config = ConfigDict(frozen=True)

    missed_check_ins: int = Field(default=2, description="Scheduled check-ins missed in a row (1 to 6).")
    inactive_days: int = Field(default=7, description="Groups without a schedule: days without activity (1 to 30).")


class HomeArea(BaseModel):
    """Where a group meets, coarsely: never finer than a postcode district (the outward code)."""

    model_config = ConfigDict(frozen=True)

    nation: Nation
    local_authority: str
    outward_code: str | None = Field(default=None, description="Upper case, such as CF10.")


class GeoPoint(BaseModel):
    """A GeoJSON point (longitude first), as MongoDB's 2dsphere index reads it."""

    model_config = ConfigDict(frozen=True)

    type: Literal["Point"] = "Point"
    coordinates: tuple[float, float] = Field(description="(longitude, latitude), WGS84.")


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
    lead_change_until: datetime | None = Field(
        default=None, description="A handover of the lead role holds the group until then: one at a time."
    )
    name_key: str = Field(description="Case-folded name: discovery's sort order.")
    search_text: str = Field(description="Case-folded name and description: discovery's text filter.")
    schedule: CheckInSchedule | None = None
    next_checkin_at: datetime | None = Field(
        default=None, description="The next scheduled check-in (UTC); None without a schedule."
    )
    quiet_policy: QuietPolicy = Field(default_factory=QuietPolicy)
    home_area: HomeArea | None = None
    location: GeoPoint | None = Field(
        default=None,
        description="The home area's centre (its postcode district's, else its usual venue's district's, else"
        " its council's): discovery by distance reads it. None: the group meets online only, or its area is unknown.",
    )
    default_venue_id: str | None = None
    archived: bool = False
    archived_at: datetime | None = None
    lead_check_at: datetime | None = Field(
        default=None, description="When the no-active-lead watch next looks at it; null once archived and looked at."
    )
    host_organisation_id: str | None = Field(
        default=None, description="The organisation hosting the group; None (every group before issue 17) is unhosted."
    )
    local_service_ids: tuple[str, ...] = Field(
        default=(),
        description="The host's local services its leads attached, in the order attached: listed first among the"
        " local ones. Ids of another organisation (after a change of host) are never shown.",
    )
    created_by: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class QuietPolicyUpdate:
    missed_check_ins: int | Keep = KEEP
    inactive_days: int | Keep = KEEP


@dataclass(frozen=True)
class GroupUpdate:
    """A live group's fields to set, already checked. `name_key` and `search_text` follow the
    name and description (discovery reads them).
    """

    name: str | Keep = KEEP
    description: str | Keep = KEEP
    house_rules: str | Keep = KEEP
    kind: GroupKind | Keep = KEEP
    access: GroupAccess | Keep = KEEP
    timezone: str | Keep = KEEP
    signposting: list[SignpostLink] | Keep = KEEP
    name_key: str | Keep = KEEP
    search_text: str | Keep = KEEP
    schedule: CheckInSchedule | Keep | None = KEEP
    next_checkin_at: datetime | Keep | None = KEEP
    quiet_policy: QuietPolicyUpdate | Keep = KEEP
    home_area: HomeArea | Keep | None = KEEP
    location: GeoPoint | Keep | None = KEEP
    default_venue_id: str | Keep | None = KEEP
