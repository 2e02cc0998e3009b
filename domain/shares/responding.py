"""Answering a share: a response (anonymous or named, the same rules as a share), and reactions."""

from __future__ import annotations

from datetime import datetime

from domain.errors import NotPermittedError
from domain.groups import is_active
from domain.shares import lifecycle, reading
from domain.shares.anonymity import to_minute
from domain.shares.errors import ShareError, ShareErrorCode
from domain.shares.events import publish, share_event
from domain.shares.lifecycle import Publishing
from domain.shares.policies import MAX_RESPONSES_PER_SHARE, Reader
from domain.shares.reading import Seen
from domain.shares.writing import Posted, Screened, checked_new_post, poster_standing, write_post
from infra.mongo.repositories.reactions import ReactionExistsError
from infra.mongo.repositories.registry import Repositories
from schemas.documents.base import new_id
from schemas.documents.reactions import ReactionDocument
from schemas.documents.responses import ResponseDocument
from schemas.documents.safeguarding_alerts import AlertSourceKind
from schemas.documents.shares import ContentStatus, ReactionKind, ShareDocument
from schemas.events import FeedEventKind


async def create_response(
    *, publishing: Publishing, reader: Reader, share_id: str, body: str, anonymous: bool, now: datetime
) -> Posted[ResponseDocument]:
    """Reply to a published share in the reader's group; screened like a share."""
    repos = publishing.repos
    share = (await _published_share(repos, reader, share_id)).item
    place = await checked_new_post(repos, reader, share.group_id, body, anonymous=anonymous, now=now)
    if await repos.responses.count_for_share(share.id, limit=MAX_RESPONSES_PER_SHARE) >= MAX_RESPONSES_PER_SHARE:
        raise ShareError(ShareErrorCode.THREAD_FULL, "This share has all the replies it can take.")

    def build(screened: Screened) -> ResponseDocument:
        return ResponseDocument(
            id=screened.id, share_id=share.id, group_id=place.group.id, body=place.body, anonymous=anonymous,
            status=screened.status, sensitive=screened.sensitive, created_at=now, created_minute=to_minute(now),
        )  # fmt: skip

    response, support = await write_post(
        publishing, reader, place, anonymous=anonymous, kind=AlertSourceKind.RESPONSE, build=build,
        insert=repos.responses.insert, now=now,
    )  # fmt: skip
    if response.status is ContentStatus.PUBLISHED:
        await lifecycle.response_published(publishing, response, actor_id=reader.id, now=now)
    return Posted(Seen(response, response.status, poster_standing(reader, place.membership)), support)


async def set_reaction(
    *, publishing: Publishing, reader: Reader, share_id: str, kind: ReactionKind, now: datetime
) -> Seen[ShareDocument]:
    """Give one of the gentle reactions (once of each kind); the share's author hears, at most hourly."""
    repos = publishing.repos
    seen = await _reactable(repos, reader, share_id)
    share = seen.item
    reaction = ReactionDocument(id=new_id(), target_id=share.id, reactor_key=reader.reactor_key, kind=kind)
    try:
        await repos.reactions.insert(reaction)
    except ReactionExistsError:
        raise ShareError(ShareErrorCode.ALREADY_REACTED, "You've already sent this.") from None
    counted = await repos.shares.count_reaction(share.id, kind, 1) or share
    await _announce_reactions(publishing, counted)
    await lifecycle.tell_share_author(publishing, share.id, actor_id=reader.id, now=now)
    return Seen(counted, seen.status, seen.standing)


async def remove_reaction(
    *, publishing: Publishing, reader: Reader, share_id: str, kind: ReactionKind
) -> Seen[ShareDocument]:
    """Take back a reaction the reader gave."""
    repos = publishing.repos
    seen = await _reactable(repos, reader, share_id)
    share = seen.item
    if not await repos.reactions.delete(share.id, reader.reactor_key, kind):
        raise ShareError(ShareErrorCode.NOT_REACTED, "You haven't sent this.")
    counted = await repos.shares.count_reaction(share.id, kind, -1) or share
    await _announce_reactions(publishing, counted)
    return Seen(counted, seen.status, seen.standing)


async def _published_share(repos: Repositories, reader: Reader, share_id: str) -> Seen[ShareDocument]:
    seen = await reading.get_share(repos=repos, reader=reader, share_id=share_id)
    if seen.item.status is not ContentStatus.PUBLISHED:
        raise ShareError(ShareErrorCode.NOT_PUBLISHED, "This share isn't visible to the group just now.")
    return seen


async def _reactable(repos: Repositories, reader: Reader, share_id: str) -> Seen[ShareDocument]:
    """A published share in a live group the reader is in (a muted member may still react).
    Staff who can read the share but are not in the group may not react.
    """
    seen = await _published_share(repos, reader, share_id)
    group, membership = await reading.share_place(repos, reader, seen.item.group_id)
    if not is_active(membership):
        raise NotPermittedError("Only the group's members react here.")
    if group is None or group.archived:
        raise ShareError(ShareErrorCode.GROUP_ARCHIVED, "This group has been archived: it can be read, not added to.")
    return seen


async def _announce_reactions(publishing: Publishing, share: ShareDocument) -> None:
    await publish(publishing.broadcaster, share_event(FeedEventKind.REACTIONS_CHANGED, share.group_id, share.id))
