"""`responses`: replies to a share, anonymous or named, with the same rules as shares.

Like a share, a response has no author field (ANON-1): `authorship` and
`bylines` hold who wrote it.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from schemas.documents.base import Document
from schemas.documents.shares import ContentStatus, HiddenBy


class ResponseDocument(Document):
    id: str = Field(alias="_id")
    share_id: str
    group_id: str
    body: str
    anonymous: bool
    status: ContentStatus
    hidden_by: HiddenBy | None = None
    sensitive: bool
    created_at: datetime = Field(description="Exact; never shown to members.")
    created_minute: datetime = Field(description="created_at truncated to the minute: the only time shown.")
