"""`push_claims`: who is delivering a notification, one numbered claim after another.

Mutual exclusion comes from the unique `_id` (notification id and claim
number): of two workers taking the same number, one insert fails, on MongoDB
and on FerretDB alike (whose conditional updates are not exclusive).
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from schemas.documents.base import Document


def claim_key(notification_id: str, number: int) -> str:
    return f"{notification_id}:{number:06d}"


class PushClaimDocument(Document):
    id: str = Field(alias="_id", description="From claim_key(): the notification and the claim's number.")
    notification_id: str
    number: int
    claim: str = Field(description="A random id the holder writes under.")
    until: datetime = Field(description="The claim lapses then (or when released, whichever comes first).")
    created_at: datetime
    expires_at: datetime = Field(description="When the purge may delete it (no TTL indexes on FerretDB).")
