"""`members`: one person, keyed to their Firebase user."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from schemas.commands import KEEP, Keep
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


class ReminderChannel(StrEnum):
    """How check-in reminders reach the member: a push, or a text message (low data; a confirmed number)."""

    PUSH = "push"
    TEXT = "text"


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
    reminder_channel: ReminderChannel = ReminderChannel.PUSH
    leads_may_message_me: bool | None = Field(
        default=None,
        description="Leads may start a conversation with the member; None (stored before issue 15) means the "
        "default for the member's age when they joined: on for adults, off for under-18s.",
    )


class MemberDocument(Document):
    id: str = Field(alias="_id")
    firebase_uid: str
    display_name: str
    date_of_birth: StoredDate
    nation: Nation
    timezone: str
    language: Language
    preferences: Preferences
    joins_by_text: bool = Field(
        default=False, description="A member without the app, registered by a lead by phone: everything goes by text."
    )
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


@dataclass(frozen=True)
class ProfileUpdate:
    """A member's profile fields to change: only those given (the rest KEEP). The domain checks
    and cleans them before the repository stores them.
    """

    display_name: str | Keep = KEEP
    timezone: str | Keep = KEEP
    nation: Nation | Keep = KEEP
    language: Language | Keep = KEEP


@dataclass(frozen=True)
class PreferencesUpdate:
    """A member's preferences to change: only those given (the rest KEEP); `on_break_until=None`
    ends a break. The domain checks them before the repository stores them.
    """

    reminders: bool | Keep = KEEP
    nudges: bool | Keep = KEEP
    let_leads_know_when_quiet: bool | Keep = KEEP
    leads_may_message_me: bool | Keep = KEEP
    quiet_hours_start: str | Keep = KEEP
    quiet_hours_end: str | Keep = KEEP
    daily_push_cap: int | Keep = KEEP
    on_break_until: datetime | Keep | None = KEEP
    reminder_channel: ReminderChannel | Keep = KEEP
