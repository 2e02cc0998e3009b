"""Live events between processes (Redis pub/sub): what changed in a group's feed, by id only.

An event carries no words and no member: each API process that receives it
re-reads the content for each of its subscribers, re-checks their membership,
and builds the payload with the same serializers as the queries (ANON-9).
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class FeedEventKind(StrEnum):
    SHARE_ADDED = "share_added"  # published, restored or released from hold
    SHARE_UPDATED = "share_updated"  # edited by its author
    RESPONSE_ADDED = "response_added"  # published, restored or released from hold
    REACTIONS_CHANGED = "reactions_changed"
    CONTENT_HIDDEN = "content_hidden"  # hidden, removed, held after an edit, or deleted by its author


class FeedEvent(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: FeedEventKind
    group_id: str
    share_id: str
    response_id: str | None = None

    @property
    def content_id(self) -> str:
        return self.response_id or self.share_id


def feed_channel(group_id: str) -> str:
    return f"group-feed:{group_id}"
