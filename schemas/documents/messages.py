"""`messages`: what was said in a thread, sharded by `thread_id` (infra/mongo/sharding.py).

`client_key` is made by the app once per message and sent again with every retry: unique per
thread (the shard key first), so a retried send never writes a second message.
`request_hash` tells a retry from another message under a reused key. A deleted message
keeps its place with its words gone (`body` empty), so both sides see it was withdrawn.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from schemas.documents.base import Document
from schemas.documents.safeguarding_alerts import RiskLevel
from schemas.documents.threads import ThreadSide


class MessageDocument(Document):
    id: str = Field(alias="_id")
    thread_id: str
    client_key: str = Field(description="The app's key for this message: unique per thread.")
    request_hash: str = Field(description="sha256 of the author and the words first sent under the key.")
    sender: ThreadSide
    author_id: str = Field(description="The member who wrote it (the member, a lead or co-lead, or staff).")
    body: str = Field(description="1 to 2,000 characters; empty once deleted.")
    risk_level: RiskLevel = Field(default=RiskLevel.NONE, description="What the crisis screen found; staff only.")
    created_at: datetime
    edited_at: datetime | None = None
    deleted_at: datetime | None = None
