"""`push_budgets`: which non-urgent pushes a member was sent on one local day (the daily cap).

One document per (member, local day): reserving a push is a conditional
update, so two workers cannot both take the last place.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from schemas.documents.base import Document


def budget_id(member_id: str, day: str) -> str:
    return f"{member_id}:{day}"


class PushBudgetDocument(Document):
    id: str = Field(alias="_id", description="member id and local day, from budget_id().")
    member_id: str
    day: str = Field(description="The member's local date, ISO format.")
    notification_ids: list[str] = Field(default_factory=list)
    count: int = 0
    expires_at: datetime = Field(description="When the purge may delete it (no TTL indexes on FerretDB).")
