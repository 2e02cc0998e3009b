"""`calendar_feeds`: a member's secret calendar address, one at most (the member's id is `_id`).

Only the SHA-256 of the token is kept: the address is shown once, when issued; issuing again
replaces it (the old address stops working) and revoking deletes it.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from schemas.documents.base import Document


class CalendarFeedDocument(Document):
    id: str = Field(alias="_id", description="The member's id.")
    token_hash: str = Field(description="SHA-256 (hex) of the secret in the feed's address.")
    created_at: datetime
