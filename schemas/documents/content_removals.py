"""`content_removals`: anonymous shares and replies of a deleted member who asked, when deleting
their account, for them to go too; each is removed at its own random moment (README, "Deleting
your account"). It holds the content's id, its kind and that moment only: no member, no group,
no time it was written, so nothing in it says whose the content was or that two were one person's.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from schemas.documents.base import Document


class RemovedKind(StrEnum):
    SHARE = "share"
    RESPONSE = "response"


class ContentRemovalDocument(Document):
    id: str = Field(alias="_id", description="The share's or response's own random id.")
    kind: RemovedKind
    due_at: datetime = Field(description="When it goes: a random moment in the spread after the purge.")
