"""`members`: one person, keyed to their Firebase user."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from schemas.documents.base import Document, StoredDate


class Nation(StrEnum):
    """UK nations: helplines and NHS routes differ between them."""

    ENGLAND = "england"
    WALES = "wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern_ireland"


class Language(StrEnum):
    EN = "en"
    CY = "cy"


class Preferences(BaseModel):
    """What the member allows the service to do; defaults depend on age (domain)."""

    model_config = ConfigDict(frozen=True)

    reminders: bool = True
    nudges: bool = True
    let_leads_know_when_quiet: bool = True
    quiet_hours_start: str = "21:00"
    quiet_hours_end: str = "08:00"
    daily_push_cap: int = 3
    on_break_until: AwareDatetime | None = None


class MemberDocument(Document):
    id: str = Field(alias="_id")
    firebase_uid: str
    display_name: str
    date_of_birth: StoredDate
    nation: Nation
    timezone: str
    language: Language
    preferences: Preferences
    created_at: datetime
    updated_at: datetime
    deletion_requested_at: datetime | None = Field(
        default=None, description="Set while the account waits to be deleted: hidden, signed out, restorable."
    )
    sign_ins_valid_after: datetime | None = Field(
        default=None,
        description="Sign-ins from before this no longer count, on any device or API process (set when the "
        "member asks to delete their account): the API checks it on every request, with the member it reads anyway.",
    )
