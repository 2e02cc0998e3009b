"""`text_budgets`: texts sent per organisation and month, against its monthly budget.

Keyed `<organisation>:<YYYY-MM>`; `organisation_id` is the group's `host_organisation_id`
(issue 17) or "platform" for groups without one. `sent` moves only by one conditional `$inc`
under the limit, so the budget holds however many workers race; helpline replies are counted
with `$inc` alone and never refused.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from schemas.documents.base import Document

PLATFORM = "platform"


def budget_key(organisation_id: str, month: str) -> str:
    return f"{organisation_id}:{month}"


class TextBudgetDocument(Document):
    id: str = Field(alias="_id", description="From budget_key().")
    organisation_id: str
    month: str = Field(description="YYYY-MM, UTC.")
    sent: int = 0
    warned_at: datetime | None = Field(default=None, description="When staff were warned at 80% (once a month).")
