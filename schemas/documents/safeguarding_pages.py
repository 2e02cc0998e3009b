"""`safeguarding_pages`: every page sent about a safeguarding alert, one per step of its chain.

`dedupe_key` ('<alert id>:<step>') is unique, so a step is recorded once however many ticks or
workers reach it; its push goes through the notification outbox (its own dedupe key) and its
email is claimed before it is sent (`email_claimed_until`), so a worker that dies part-way is
finished by the next tick and nothing is paged twice. Never the member's words or identity:
the page names the alert, and staff open it in the console.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from schemas.documents.base import Document


class EmailStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    NONE = "none"  # nobody to email (no address on file)


class SafeguardingPageDocument(Document):
    id: str = Field(alias="_id")
    dedupe_key: str
    alert_id: str
    organisation_id: str | None = Field(description="The host organisation; null for the platform's team.")
    step: int = Field(description="0: the first person on duty; each unacknowledged deadline climbs one.")
    to_platform: bool = Field(description="The last step: the platform's safeguarding staff.")
    member_ids: tuple[str, ...] = Field(description="Who was pushed (organisation staff on the rota).")
    emails: tuple[str, ...] = Field(description="Where the email went.")
    paged_at: datetime
    email_status: EmailStatus
    email_claimed_until: datetime | None = None
    email_sent_at: datetime | None = None
    acknowledged_at: datetime | None = Field(default=None, description="When the alert was acknowledged.")
    acknowledged_by: str | None = None
