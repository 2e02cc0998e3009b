"""What follows when content becomes visible to the group or stops being so: live events,
the group's pushes and the share's count of responses. Used by posting, editing,
moderation and staff review alike, so each path does the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from domain.crisis import SupportDirectory
from domain.shares.anonymity import AnonymityKey
from domain.shares.events import publish, response_event, share_event
from domain.shares.notices import tell_author, tell_group
from infra.mongo.repositories.registry import Repositories
from infra.pubsub import Broadcaster
from schemas.documents.responses import ResponseDocument
from schemas.documents.shares import ContentStatus, ShareDocument
from schemas.events import FeedEventKind


@dataclass(frozen=True)
class Publishing:
    """What writing and publishing member content needs from its process: the repositories,
    the live feeds' broadcaster, the anonymity key (authorship and pushes) and the helplines.
    """

    repos: Repositories
    broadcaster: Broadcaster
    key: AnonymityKey
    # The helplines signposting answers from; a worker that never signposts keeps the shipped copy.
    support: SupportDirectory = field(default_factory=SupportDirectory)


async def share_published(publishing: Publishing, share: ShareDocument, *, now: datetime) -> None:
    """A share the group can now see: tell the live feeds, and the group's phones (once per share)."""
    await publish(publishing.broadcaster, share_event(FeedEventKind.SHARE_ADDED, share.group_id, share.id))
    author_key = await _author_key(publishing, share.id)
    if author_key is not None:
        await tell_group(repos=publishing.repos, key=publishing.key, share=share, author_key=author_key, now=now)


async def share_updated(publishing: Publishing, share: ShareDocument) -> None:
    """A published share's words changed (its author edited it)."""
    await publish(publishing.broadcaster, share_event(FeedEventKind.SHARE_UPDATED, share.group_id, share.id))


async def share_withdrawn(publishing: Publishing, share: ShareDocument) -> None:
    """A share the group no longer sees (hidden, removed, held or deleted)."""
    await publish(publishing.broadcaster, share_event(FeedEventKind.CONTENT_HIDDEN, share.group_id, share.id))


async def response_published(
    publishing: Publishing, response: ResponseDocument, *, actor_id: str | None, now: datetime
) -> None:
    """A response the group can now see: count it, tell the live feeds, and (for a new one) the share's author."""
    await publishing.repos.shares.count_response(response.share_id, 1)
    event = response_event(FeedEventKind.RESPONSE_ADDED, response.group_id, response.share_id, response.id)
    await publish(publishing.broadcaster, event)
    if actor_id is not None:
        await tell_share_author(publishing, response.share_id, actor_id=actor_id, now=now)


async def response_withdrawn(publishing: Publishing, response: ResponseDocument) -> None:
    await publishing.repos.shares.count_response(response.share_id, -1)
    event = response_event(FeedEventKind.CONTENT_HIDDEN, response.group_id, response.share_id, response.id)
    await publish(publishing.broadcaster, event)


async def tell_share_author(publishing: Publishing, share_id: str, *, actor_id: str, now: datetime) -> None:
    """Someone responded or reacted: the share's author hears, unless it was them."""
    share = await publishing.repos.shares.get(share_id)
    author_key = await _author_key(publishing, share_id)
    if share is None or author_key is None or share.status is not ContentStatus.PUBLISHED:
        return
    await tell_author(
        repos=publishing.repos, key=publishing.key, share=share, author_key=author_key, actor_id=actor_id, now=now
    )


async def _author_key(publishing: Publishing, content_id: str) -> str | None:
    authorship = await publishing.repos.authorship.get(content_id)
    return authorship.author_key if authorship else None
