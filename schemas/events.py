"""Live events between processes (Redis pub/sub): what changed in a group's feed or in a
private thread, by id only.

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


class ThreadEventKind(StrEnum):
    MESSAGE_ADDED = "message_added"
    MESSAGE_UPDATED = "message_updated"  # edited by its author
    MESSAGE_DELETED = "message_deleted"  # deleted by its author: its words are gone
    SEEN = "seen"  # one side has seen the thread up to now
    CLOSED = "closed"


class ThreadEvent(BaseModel):
    """A change in one thread; each subscriber's process re-reads it and re-checks who may see it."""

    model_config = ConfigDict(frozen=True)

    kind: ThreadEventKind
    thread_id: str
    message_id: str | None = None


def thread_channel(thread_id: str) -> str:
    return f"thread:{thread_id}"
