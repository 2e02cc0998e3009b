"""`rota_shifts`: who in an organisation is on safeguarding call, and when.

Times are stored in UTC; the organisation enters and reads them on its own wall clock
(`organisations.timezone`). Where shifts overlap, `position` orders who is paged first
(0 first); the next on the rota is the next person in that order.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from schemas.documents.base import Document


class RotaShiftDocument(Document):
    id: str = Field(alias="_id")
    organisation_id: str
    member_id: str = Field(description="Holds org_safeguarding in the organisation (checked when paged, too).")
    starts_at: datetime
    ends_at: datetime
    position: int = Field(description="0 is paged first among those on duty at once.")
    created_by: str
    created_at: datetime
