"""`reactions`: one of each kind per member per share (unique target, reactor_key, kind).

`reactor_key` is an HMAC of the member id (derived apart from `author_key`, so
the two collections cannot be joined); peers only ever see counts by kind.
No time is stored: none is ever needed.
"""

from __future__ import annotations

from pydantic import Field

from schemas.documents.base import Document
from schemas.documents.shares import ReactionKind


class ReactionDocument(Document):
    id: str = Field(alias="_id")
    target_id: str = Field(description="The share's id.")
    reactor_key: str
    kind: ReactionKind
