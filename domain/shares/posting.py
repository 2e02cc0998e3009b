"""Sharing a down day: posting it, editing it (briefly), deleting it.

Every body passes the crisis screen before the mutation returns (CRISIS-2):
its resources come back in the same response, high risk raises an alert for
staff, and in a youth group high-risk content is held until staff review it
(CRISIS-4). An anonymous share changes no per-member counter or timestamp
anywhere (ANON-6): its only trace of the author is its `authorship` document.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Generic

from domain.crisis.service import Signposting, SignpostSource, signpost
from domain.errors import HiddenError, NotPermittedError
from domain.noticing.activity import note_named_post
from domain.shares import lifecycle, reading
from domain.shares.anonymity import to_minute
from domain.shares.errors import ShareError, ShareErrorCode
from domain.shares.lifecycle import Publishing
from domain.shares.notices import tell_leads
from domain.shares.policies import (
    EDIT_WINDOW,
    Reader,
    Standing,
    established_before,
    refuse_posting,
    refuse_small_anonymity_set,
    standing,
)
from domain.shares.reading import Seen, T
from domain.shares.validation import body_issues, clean_body
from infra.mongo.repositories.registry import Repositories
from schemas.documents.authorship import AuthorshipDocument
from schemas.documents.base import new_id
from schemas.documents.bylines import BylineDocument
from schemas.documents.groups import GroupDocument
from schemas.documents.memberships import MembershipDocument
from schemas.documents.safeguarding_alerts import AlertSourceKind, RiskLevel
from schemas.documents.shares import ContentStatus, ShareDocument

ANONYMITY_SET_COUNT_LIMIT = 5


@dataclass(frozen=True)
class Posted(Generic[T]):
    """What the author sees after writing: their content, and support if the words call for it."""

    seen: Seen[T]
    signposting: Signposting


async def checked_place(
    repos: Repositories, reader: Reader, group_id: str, *, now: datetime
) -> tuple[GroupDocument, MembershipDocument]:
    """The group and the reader's membership, if they may post there now."""
    group, membership = await reading.place(repos, reader, group_id)
    if group is None:
        raise HiddenError(group_id)
    refuse_posting(reader, group, membership, now=now)
    assert membership is not None  # noqa: S101 - refuse_posting requires an active membership
    return group, membership


def checked_body(raw: str) -> str:
    body = clean_body(raw)
    if issues := body_issues(body):
        raise ShareError.from_issues(issues)
    return body


async def refuse_unless_anonymity_holds(repos: Repositories, group_id: str, *, now: datetime) -> None:
    """Anonymous posting needs enough members who joined over a week ago (ANON-5), counted now."""
    established = await repos.memberships.count_established(
        group_id, joined_before=established_before(now), limit=ANONYMITY_SET_COUNT_LIMIT
    )
    refuse_small_anonymity_set(established)


def status_after_screen(group: GroupDocument, level: RiskLevel) -> ContentStatus:
    """High risk in a youth group waits for staff; everything else is published."""
    return ContentStatus.HELD if group.youth and level is RiskLevel.HIGH else ContentStatus.PUBLISHED


def is_sensitive(level: RiskLevel) -> bool:
    return level is not RiskLevel.NONE


async def record_authorship(repos: Repositories, reader: Reader, content_id: str, *, anonymous: bool) -> None:
    """Written before the content, so content never exists without its author's key."""
    await repos.authorship.insert(AuthorshipDocument(id=content_id, author_key=reader.author_key))
    if not anonymous:
        await repos.bylines.insert(BylineDocument(id=content_id, member_id=reader.id))


async def create_share(
    *, publishing: Publishing, reader: Reader, group_id: str, body: str, anonymous: bool, now: datetime
) -> Posted[ShareDocument]:
    """Share a down day with the group, anonymous unless the member chooses their name."""
    repos = publishing.repos
    group, membership = await checked_place(repos, reader, group_id, now=now)
    body = checked_body(body)
    if anonymous:
        await refuse_unless_anonymity_holds(repos, group.id, now=now)
    share_id = new_id()
    source = SignpostSource(kind=AlertSourceKind.SHARE, id=share_id, anonymous=anonymous)
    support = await signpost(repos=repos, member=reader.member, source=source, texts=[body], now=now)
    share = ShareDocument(
        id=share_id, group_id=group.id, body=body, anonymous=anonymous,
        status=status_after_screen(group, support.level), sensitive=is_sensitive(support.level),
        created_at=now, created_minute=to_minute(now),
    )  # fmt: skip
    await record_authorship(repos, reader, share_id, anonymous=anonymous)
    await repos.shares.insert(share)
    if not anonymous:  # a named post is activity in the group; an anonymous one never is (ANON-6)
        await note_named_post(repos=repos, member_id=reader.id, group_id=group.id, at=now)
    await _after_screen(publishing, reader, share, support, now=now)
    if share.status is ContentStatus.PUBLISHED:
        await lifecycle.share_published(publishing, share, now=now)
    return Posted(Seen(share, share.status, _standing(reader, membership)), support)


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
    source = SignpostSource(kind=AlertSourceKind.SHARE, id=share.id, anonymous=share.anonymous)
    support = await signpost(repos=repos, member=reader.member, source=source, texts=[body], now=now)
    held = status_after_screen(group, support.level) is ContentStatus.HELD
    status = ContentStatus.HELD if held else share.status
    edited = await repos.shares.edit(
        share.id, body=body, sensitive=is_sensitive(support.level), status=status, from_status=share.status
    )
    if edited is None:
        raise ShareError(ShareErrorCode.NOT_EDITABLE, "This share changed meanwhile: look again.")
    await _after_screen(publishing, reader, edited, support, now=now)
    await _announce_edit(publishing, before=share, after=edited)
    return Posted(Seen(edited, edited.status, _standing(reader, membership)), support)


async def delete_share(*, publishing: Publishing, reader: Reader, share_id: str, now: datetime) -> ShareDocument:
    """The author deletes their share for good, with its responses and reactions (ANON: deletion is real)."""
    repos = publishing.repos
    share = (await _own(repos, reader, share_id)).item
    response_ids = await repos.responses.ids_for_share(share.id)
    if not await repos.shares.delete(share.id):
        raise HiddenError(share_id)  # deleted meanwhile
    await repos.responses.delete_for_share(share.id)
    await repos.reactions.delete_for_targets([share.id])
    await repos.authorship.delete_many([share.id, *response_ids])
    await repos.bylines.delete_many([share.id, *response_ids])
    await repos.reports.close_waiting_for_targets([share.id, *response_ids], now=now)
    if share.status is ContentStatus.PUBLISHED:
        await lifecycle.share_withdrawn(publishing, share)
    return share


async def _own(repos: Repositories, reader: Reader, share_id: str) -> Seen[ShareDocument]:
    """The reader's own share; another's they can see is not theirs to change (FORBIDDEN)."""
    seen = await reading.get_share(repos=repos, reader=reader, share_id=share_id)
    authorship = await repos.authorship.get(share_id)
    if not reader.wrote(authorship.author_key if authorship else None):
        raise NotPermittedError("Only the person who shared this can change it.")
    return seen


async def _after_screen(
    publishing: Publishing, reader: Reader, share: ShareDocument, support: Signposting, *, now: datetime
) -> None:
    if support.level is RiskLevel.HIGH:
        await tell_leads(
            repos=publishing.repos, key=publishing.key, group_id=share.group_id, content_id=share.id,
            author_key=reader.author_key, now=now,
        )  # fmt: skip


async def _announce_edit(publishing: Publishing, *, before: ShareDocument, after: ShareDocument) -> None:
    if before.status is not ContentStatus.PUBLISHED:
        return
    if after.status is ContentStatus.PUBLISHED:
        await lifecycle.share_updated(publishing, after)
    else:
        await lifecycle.share_withdrawn(publishing, after)


def _standing(reader: Reader, membership: MembershipDocument) -> Standing:
    found = standing(reader, membership)
    assert found is not None  # noqa: S101 - a poster is an active member
    return found
