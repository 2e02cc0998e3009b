"""`venues`: where a group meets in person, with the accessibility facts a newcomer asks about first.

A venue belongs to one group; its leads add and change it. The postcode is the venue's
(a public building), never a member's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from schemas.commands import KEEP, Keep
from schemas.documents.base import Document


class Accessibility(BaseModel):
    """Plain facts about getting in and being comfortable there; `note` says the rest."""

    model_config = ConfigDict(frozen=True)

    step_free: bool = False
    accessible_toilet: bool = False
    hearing_loop: bool = False
    quiet_room: bool = False
    parking: bool = False
    public_transport: bool = Field(default=False, description="Near a bus stop or station.")
    note: str = ""


class VenueDocument(Document):
    id: str = Field(alias="_id")
    group_id: str
    name: str
    address: str
    postcode: str = Field(description="The venue's full postcode, upper case with one space.")
    directions: str = ""
    accessibility: Accessibility = Field(default_factory=Accessibility)
    created_by: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class VenueUpdate:
    name: str | Keep = KEEP
    address: str | Keep = KEEP
    postcode: str | Keep = KEEP
    directions: str | Keep = KEEP
    accessibility: Accessibility | Keep = KEEP
