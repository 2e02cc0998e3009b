"""`text_contacts`: a member's phone number for text messages, one per member.

The number is stored encrypted (`phone_sealed`, AES-GCM) and found by `phone_hash`, a keyed
HMAC of its E.164 form (unique: one member per number), so the store alone reveals neither.
Nobody but the texting pipeline reads the number: leads see only that the member joins by text.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from schemas.documents.base import Document


class TextStatus(StrEnum):
    PENDING = "pending"  # registered; waits for the member's YES to the first text
    ACTIVE = "active"  # confirmed: reminders and replies go
    STOPPED = "stopped"  # the member texted STOP (or DIM): nothing goes but a helpline reply


class TextContactDocument(Document):
    id: str = Field(alias="_id", description="The member's id: one number per member.")
    phone_hash: str = Field(description="HMAC-SHA256 of the E.164 number under the lookup key (unique).")
    phone_sealed: str = Field(description="The E.164 number, AES-GCM encrypted under the phone key.")
    status: TextStatus = TextStatus.PENDING
    group_id: str = Field(description="The group they were registered into: check-ins by text count for it.")
    registered_by: str = Field(description="The lead or staff member who registered them (a member id or staff uid).")
    consent_at: datetime = Field(description="When the person registering recorded the member's consent.")
    text_only: bool = Field(description="True for a member without the app; False for an app member who chose text.")
    created_at: datetime
    confirmed_at: datetime | None = None
    stopped_at: datetime | None = None
    updated_at: datetime
