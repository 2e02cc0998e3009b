"""`support_resources`: helplines and services as data (CRISIS-1), seeded from
the reviewed file `domain/crisis/data/support_resources.toml`, never edited by hand.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from schemas.documents.base import Document, StoredDate
from schemas.documents.groups import GroupKind
from schemas.documents.members import Language, Nation
from schemas.documents.weekdays import Weekday

__all__ = ["Contact", "ContactKind", "OpeningHours", "SupportResourceDocument", "VerificationStatus", "Weekday"]


class ContactKind(StrEnum):
    CALL = "call"  # a phone number (a textphone number too)
    TEXT = "text"  # an SMS short code or number, with a keyword when there is one
    WEB = "web"  # a web page or web chat
    EMAIL = "email"
    VISIT = "visit"  # go in person (A&E)


class VerificationStatus(StrEnum):
    CONFIRMED = "confirmed"  # number and hours confirmed by the reference study
    PARTLY_CONFIRMED = "partly_confirmed"  # number confirmed; something else (hours, a text line) is not
    UNCONFIRMED = "unconfirmed"  # sources conflict: never published


class Localised(BaseModel):
    """The same words in each language the service speaks."""

    model_config = ConfigDict(frozen=True)

    en: str = Field(min_length=1)
    cy: str = Field(min_length=1)

    def get(self, language: Language) -> str:
        return self.cy if language is Language.CY else self.en


class Contact(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: ContactKind
    value: str = Field(min_length=1, description="The number, short code, address or URL.")
    keyword: str | None = Field(default=None, description="What to text, for a text line that needs it.")
    label: Localised = Field(description="What to do, in a few words: 'Call 116 123'.")


class OpeningRange(BaseModel):
    """From a weekday and time to a weekday and time, local to the resource's time zone;
    it may run over midnight and over the week's end (Friday 18:00 to Monday 06:00).
    """

    model_config = ConfigDict(frozen=True)

    from_day: Weekday
    from_time: str = Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    to_day: Weekday
    to_time: str = Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")

    @model_validator(mode="after")
    def _not_empty(self) -> Self:
        if (self.from_day, self.from_time) == (self.to_day, self.to_time):
            raise ValueError("an opening range must not start and end at the same moment")
        return self


class OpeningHours(BaseModel):
    model_config = ConfigDict(frozen=True)

    always_open: bool
    timezone: str = "Europe/London"
    ranges: tuple[OpeningRange, ...] = ()
    text: Localised

    @model_validator(mode="after")
    def _no_ranges_when_always_open(self) -> Self:
        if self.always_open and self.ranges:
            raise ValueError("give no opening ranges for a resource that is always open")
        return self

    @property
    def known(self) -> bool:
        """Always open, or open at known times; not known (no ranges) only while unconfirmed."""
        return self.always_open or bool(self.ranges)


class Verification(BaseModel):
    model_config = ConfigDict(frozen=True)

    status: VerificationStatus
    last_verified: StoredDate
    verified_by: str = Field(min_length=1)
    source_urls: tuple[str, ...] = Field(min_length=1)
    note: str = Field(min_length=1, description="What was checked, against what, and what could not be.")


class SupportResourceDocument(Document):
    id: str = Field(alias="_id", pattern=r"^[a-z0-9][a-z0-9-]*$", description="Stable, from the reviewed file.")
    revision: int = Field(ge=1, description="The file's version that wrote it: an older file never overwrites.")
    rank: int = Field(ge=0, description="Position in the reviewed file, the order within a group.")
    published: bool = Field(description="False while a number is unconfirmed: kept on record, never shown.")
    name: Localised
    description: Localised
    nations: tuple[Nation, ...] = Field(min_length=1)
    min_age: int | None = Field(default=None, ge=0, le=120)
    max_age: int | None = Field(default=None, ge=0, le=120)
    languages: tuple[Language, ...] = Field(min_length=1)
    emergency: bool = False
    information_only: bool = Field(
        default=False, description="Information and advice, not crisis support: listed, never in a crisis response."
    )
    group_kinds: tuple[GroupKind, ...] = Field(
        default=(), description="Shown only about a group of these kinds (Cruse for bereavement); empty: everywhere."
    )
    contacts: tuple[Contact, ...] = Field(min_length=1)
    hours: OpeningHours
    verification: Verification

    @model_validator(mode="after")
    def _ages_in_order(self) -> Self:
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            raise ValueError("min_age is above max_age")
        return self

    @property
    def last_verified(self) -> date:
        return self.verification.last_verified
