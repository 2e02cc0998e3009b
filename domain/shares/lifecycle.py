"""What follows when content becomes visible to the group or stops being so: live events,
the group's pushes and the share's count of responses. Used by posting, editing,
moderation and staff review alike, so each path does the same.
"""

from __future__ import annotations

from datetime import datetime

from domain.shares.events import publish, response_event, share_event
from domain.shares.notices import tell_author, tell_group
from domain.shares.services import ContentServices
from schemas.documents.responses import ResponseDocument
from schemas.documents.shares import ContentStatus, ShareDocument
from schemas.events import FeedEventKind


async def share_published(services: ContentServices, share: ShareDocument, *, now: datetime) -> None:
    """A share the group can now see: tell the live feeds, and the group's phones (once per share)."""
    await publish(services.broadcaster, share_event(FeedEventKind.SHARE_ADDED, share.group_id, share.id))
    author_key = await _author_key(services, share.id)
    if author_key is not None:
        await tell_group(repos=services.repos, key=services.key, share=share, author_key=author_key, now=now)


async def share_updated(services: ContentServices, share: ShareDocument) -> None:
    """A published share's words changed (its author edited it)."""
    await publish(services.broadcaster, share_event(FeedEventKind.SHARE_UPDATED, share.group_id, share.id))


async def share_withdrawn(services: ContentServices, share: ShareDocument) -> None:
    """A share the group no longer sees (hidden, removed, held or deleted)."""
    await publish(services.broadcaster, share_event(FeedEventKind.CONTENT_HIDDEN, share.group_id, share.id))


async def response_published(
    services: ContentServices, response: ResponseDocument, *, actor_id: str | None, now: datetime
) -> None:
    """A response the group can now see: count it, tell the live feeds, and (for a new one) the share's author."""
    await services.repos.shares.count_response(response.share_id, 1)
    event = response_event(FeedEventKind.RESPONSE_ADDED, response.group_id, response.share_id, response.id)
    await publish(services.broadcaster, event)
    if actor_id is not None:
        await tell_share_author(services, response.share_id, actor_id=actor_id, now=now)


async def response_withdrawn(services: ContentServices, response: ResponseDocument) -> None:
    await services.repos.shares.count_response(response.share_id, -1)
    event = response_event(FeedEventKind.CONTENT_HIDDEN, response.group_id, response.share_id, response.id)
    await publish(services.broadcaster, event)


async def tell_share_author(services: ContentServices, share_id: str, *, actor_id: str, now: datetime) -> None:
    """Someone responded or reacted: the share's author hears, unless it was them."""
    share = await services.repos.shares.get(share_id)
    author_key = await _author_key(services, share_id)
    if share is None or author_key is None or share.status is not ContentStatus.PUBLISHED:
        return
    await tell_author(
        repos=services.repos, key=services.key, share=share, author_key=author_key, actor_id=actor_id, now=now
    )


async def _author_key(services: ContentServices, content_id: str) -> str | None:
    authorship = await services.repos.authorship.get(content_id)
    return authorship.author_key if authorship else None
