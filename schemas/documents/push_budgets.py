"""`push_budgets`: the places under a member's daily cap, one document per place taken.

A place is a (member, local day, slot) key, unique: two workers cannot take
the same place, so the cap holds under concurrency on any document store.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from schemas.documents.base import Document


def place_key(member_id: str, day: str, slot: int) -> str:
    return f"{member_id}:{day}:{slot}"


class PushPlaceDocument(Document):
    id: str = Field(alias="_id", description="From place_key().")
    member_id: str
    day: str = Field(description="The member's local date, ISO format.")
    slot: int = Field(description="1 to the member's cap on that day.")
    notification_id: str
    expires_at: datetime = Field(description="When the purge may delete it (no TTL indexes on FerretDB).")
