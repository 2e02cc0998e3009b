"""`join_requests`: someone asks to join a closed group; a lead decides.

`pending_key` is unique: "<group>:<member>" while pending, so one request at a
time per pair, and the request's own id once decided. It is always written,
never absent (FerretDB treats missing unique fields differently, pitfall F6).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from schemas.documents.base import Document


class JoinRequestStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    DECLINED = "declined"


def pending_key(group_id: str, member_id: str) -> str:
    return f"{group_id}:{member_id}"


class JoinRequestDocument(Document):
    id: str = Field(alias="_id")
    group_id: str
    member_id: str
    message: str = ""
    status: JoinRequestStatus = JoinRequestStatus.PENDING
    pending_key: str
    created_at: datetime
    decided_by: str | None = None
    decided_at: datetime | None = None
