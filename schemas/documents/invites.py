"""`invites`: a code a lead shares to let people into their group, or (`asks_leads`) to let
them ask to join it: a request link, the only way to ask to join a closed group, which for
everyone else is exactly like a group that does not exist.

Only a SHA-256 hash of the code is stored (unique); the code itself is shown
once, to the lead who made it. `uses_left` counts down conditionally, so an
invite is never redeemed (or asked with) more than `max_uses` times.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from schemas.documents.base import Document


class InviteDocument(Document):
    id: str = Field(alias="_id")
    group_id: str
    code_hash: str
    created_by: str
    max_uses: int
    uses_left: int
    expires_at: datetime
    created_at: datetime
    asks_leads: bool = Field(default=False, description="A request link: its holders ask, a lead decides.")
