"""`sessions`: one meeting of a group, in person, online or both; a recurring series is
stored as its occurrences (each with `series_id`), so one can be moved or cancelled alone.

Places are counted on the session: `free_places` changes only by conditional
single-document updates (a place is taken only while one is free), so capacity holds
under concurrent answers without transactions; `waiting_seq` numbers the waiting list.
`reminder_at` is when beat's reminder tick next looks at it (24 hours, then 2 hours
before the start; null after the last or once cancelled), and `missed_check_at` when the
sessions tick looks at who stopped coming (12 hours after the end, when the register is
in); both read through an index.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from schemas.commands import KEEP, Keep
from schemas.documents.base import Document


class SessionMode(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    BOTH = "both"


class Frequency(StrEnum):
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"  # on the same weekday of the same week of the month ("first Tuesday", "last Friday")


class Recurrence(BaseModel):
    """The rule a series was made from, kept on each occurrence for the app to show."""

    model_config = ConfigDict(frozen=True)

    frequency: Frequency
    week_of_month: int | None = Field(default=None, description="Monthly: 1 to 4, or -1 for the last.")
    count: int = Field(description="How many occurrences were made.")


class SessionDocument(Document):
    id: str = Field(alias="_id")
    group_id: str
    series_id: str | None = None
    recurrence: Recurrence | None = None
    title: str = Field(description="The public title the lead chose: what a calendar shows; may be neutral.")
    description: str = ""
    mode: SessionMode
    venue_id: str | None = None
    joining_link: str | None = None
    timezone: str = Field(description="The group's zone when the session was made: local times are read in it.")
    starts_at: datetime
    ends_at: datetime
    moved_from: datetime | None = Field(default=None, description="Its start before a lead moved it.")
    capacity: int | None = None
    going_count: int = 0
    free_places: int | None = Field(default=None, description="capacity - going_count; None without a capacity.")
    waiting_seq: int = 0
    check_in_code: str = Field(description="The short code a lead shows in the room for self check-in.")
    reminder_at: datetime | None = None
    missed_check_at: datetime | None = None
    cancelled_at: datetime | None = None
    created_by: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class SessionUpdate:
    title: str | Keep = KEEP
    description: str | Keep = KEEP
    mode: SessionMode | Keep = KEEP
    venue_id: str | Keep | None = KEEP
    joining_link: str | Keep | None = KEEP
    starts_at: datetime | Keep = KEEP
    ends_at: datetime | Keep = KEEP
    moved_from: datetime | Keep | None = KEEP
    reminder_at: datetime | Keep | None = KEEP
    missed_check_at: datetime | Keep | None = KEEP
    updated_at: datetime | Keep = KEEP
