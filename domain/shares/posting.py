"""Sharing a down day: posting it, editing it (briefly), deleting it. The steps a new post
takes (the crisis screen among them) are in domain/shares/writing.py, shared with responses.
"""

from __future__ import annotations

from datetime import datetime

from domain.crisis import SignpostSource
from domain.errors import HiddenError, NotPermittedError
from domain.shares import lifecycle, reading
from domain.shares.anonymity import to_minute
from domain.shares.erasing import erase_share
from domain.shares.errors import ShareError, ShareErrorCode
from domain.shares.lifecycle import Publishing
from domain.shares.policies import EDIT_WINDOW, Reader
from domain.shares.reading import Seen
from domain.shares.writing import (
    Posted,
    Screened,
    checked_body,
    checked_new_post,
    checked_place,
    is_sensitive,
    poster_standing,
    signposted,
    status_after_screen,
    tell_leads_if_high,
    write_post,
)
from infra.mongo.repositories.registry import Repositories
from schemas.documents.safeguarding_alerts import AlertSourceKind
from schemas.documents.shares import ContentStatus, ShareDocument


async def create_share(
    *, publishing: Publishing, reader: Reader, group_id: str, body: str, anonymous: bool, now: datetime
) -> Posted[ShareDocument]:
    """Share a down day with the group, anonymous unless the member chooses their name."""
    place = await checked_new_post(publishing.repos, reader, group_id, body, anonymous=anonymous, now=now)

    def build(screened: Screened) -> ShareDocument:
        return ShareDocument(
            id=screened.id, group_id=place.group.id, body=place.body, anonymous=anonymous,
            status=screened.status, sensitive=screened.sensitive, created_at=now, created_minute=to_minute(now),
        )  # fmt: skip

    share, support = await write_post(
        publishing, reader, place, anonymous=anonymous, kind=AlertSourceKind.SHARE, build=build,
        insert=publishing.repos.shares.insert, now=now,
    )  # fmt: skip
    if share.status is ContentStatus.PUBLISHED:
        await lifecycle.share_published(publishing, share, now=now)
    return Posted(Seen(share, share.status, poster_standing(reader, place.membership)), support)


async def edit_share(
    *, publishing: Publishing, reader: Reader, share_id: str, body: str, now: datetime
) -> Posted[ShareDocument]:
    """The author changes the words within 15 minutes of posting; they are screened again."""
    repos = publishing.repos
    seen = await _own(repos, reader, share_id)
    share = seen.item
    group, membership = await checked_place(repos, reader, share.group_id, now=now)
    if share.status not in (ContentStatus.PUBLISHED, ContentStatus.HELD):
        raise ShareError(ShareErrorCode.NOT_EDITABLE, "A hidden share can't be edited.")
    if now - share.created_at > EDIT_WINDOW:
        raise ShareError(ShareErrorCode.EDIT_WINDOW_CLOSED, "Shares can be edited for 15 minutes after posting.")
    body = checked_body(body)
    source = SignpostSource(kind=AlertSourceKind.SHARE, id=share.id, anonymous=share.anonymous, group_id=group.id)
    support = await signposted(publishing, reader, source, body, group=group, now=now)
    held = status_after_screen(group, support.level) is ContentStatus.HELD
    status = ContentStatus.HELD if held else share.status
    edited = await repos.shares.edit(
        share.id, body=body, sensitive=is_sensitive(support.level), status=status, from_status=share.status
    )
    if edited is None:
        raise ShareError(ShareErrorCode.NOT_EDITABLE, "This share changed meanwhile: look again.")
    await tell_leads_if_high(publishing, reader, edited.group_id, edited.id, support, now=now)
    await _announce_edit(publishing, before=share, after=edited)
    return Posted(Seen(edited, edited.status, poster_standing(reader, membership)), support)


async def delete_share(*, publishing: Publishing, reader: Reader, share_id: str, now: datetime) -> ShareDocument:
    """The author deletes their share for good, with its responses and reactions (ANON: deletion is real)."""
    share = (await _own(publishing.repos, reader, share_id)).item
    if not await erase_share(publishing, share, now=now):
        raise HiddenError(share_id)  # deleted meanwhile
    return share


async def _own(repos: Repositories, reader: Reader, share_id: str) -> Seen[ShareDocument]:
    """The reader's own share; another's they can see is not theirs to change (FORBIDDEN)."""
    seen = await reading.get_share(repos=repos, reader=reader, share_id=share_id)
    authorship = await repos.authorship.get(share_id)
    if not reader.wrote(authorship.author_key if authorship else None):
        raise NotPermittedError("Only the person who shared this can change it.")
    return seen


async def _announce_edit(publishing: Publishing, *, before: ShareDocument, after: ShareDocument) -> None:
    if before.status is not ContentStatus.PUBLISHED:
        return
    if after.status is ContentStatus.PUBLISHED:
        await lifecycle.share_updated(publishing, after)
    else:
        await lifecycle.share_withdrawn(publishing, after)
