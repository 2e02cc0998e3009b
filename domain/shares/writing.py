"""The steps every new share and response takes, once: where it goes, its words, the anonymity
set, the crisis screen, authorship before the content, and what follows the screen.

Every body passes the crisis screen before the mutation returns (CRISIS-2): its resources come
back in the same response, high risk raises an alert for staff and tells the group's leads
that someone may be struggling, and in a youth group high-risk content is held until staff
review it (CRISIS-4). An anonymous post changes no per-member counter or timestamp anywhere
(ANON-6): its only trace of the author is its `authorship` document.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Generic

from domain.crisis import Signposting, SignpostSource, signpost
from domain.errors import HiddenError
from domain.noticing import note_named_post
from domain.shares import reading
from domain.shares.errors import ShareError
from domain.shares.lifecycle import Publishing
from domain.shares.notices import tell_leads
from domain.shares.policies import (
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
from schemas.documents.shares import ContentStatus

ANONYMITY_SET_COUNT_LIMIT = 5


@dataclass(frozen=True)
class Posted(Generic[T]):
    """What the author sees after writing: their content, and support if the words call for it."""

    seen: Seen[T]
    signposting: Signposting


@dataclass(frozen=True)
class Place:
    """Where a new post goes, with the words it will hold: checked, not yet screened."""

    group: GroupDocument
    membership: MembershipDocument
    body: str


@dataclass(frozen=True)
class Screened:
    """What the crisis screen made of a new post's words: its id, and how it is stored."""

    id: str
    status: ContentStatus
    sensitive: bool


async def checked_new_post(
    repos: Repositories, reader: Reader, group_id: str, raw_body: str, *, anonymous: bool, now: datetime
) -> Place:
    """The group and the reader's place in it, the cleaned words, and (anonymous) the anonymity set."""
    group, membership = await checked_place(repos, reader, group_id, now=now)
    body = checked_body(raw_body)
    if anonymous:
        await _refuse_unless_anonymity_holds(repos, group.id, now=now)
    return Place(group=group, membership=membership, body=body)


async def write_post(
    publishing: Publishing,
    reader: Reader,
    place: Place,
    *,
    anonymous: bool,
    kind: AlertSourceKind,
    build: Callable[[Screened], T],
    insert: Callable[[T], Awaitable[None]],
    now: datetime,
) -> tuple[T, Signposting]:
    """Screen the words, write the authorship then the post (`build` makes it, `insert` stores it),
    note a named post as activity, and tell the leads of high risk.
    """
    repos, post_id = publishing.repos, new_id()
    source = SignpostSource(kind=kind, id=post_id, anonymous=anonymous, group_id=place.group.id)
    support = await signposted(publishing, reader, source, place.body, group=place.group, now=now)
    post = build(Screened(post_id, status_after_screen(place.group, support.level), is_sensitive(support.level)))
    await _record_authorship(repos, reader, post_id, anonymous=anonymous)
    await insert(post)
    if not anonymous:  # a named post is activity in the group; an anonymous one never is (ANON-6)
        await note_named_post(repos=repos, member_id=reader.id, group_id=place.group.id, at=now)
    await tell_leads_if_high(publishing, reader, place.group.id, post_id, support, now=now)
    return post, support


async def signposted(
    publishing: Publishing, reader: Reader, source: SignpostSource, body: str, *, group: GroupDocument, now: datetime
) -> Signposting:
    """Screen a body before it is stored: its support (with the services for the group's kind, from the
    helplines held in memory), and the alert for high risk (CRISIS-2).
    """
    return await signpost(
        repos=publishing.repos, directory=publishing.support, member=reader.member, source=source, texts=[body],
        now=now, group_kind=group.kind,
    )  # fmt: skip


async def checked_place(
    repos: Repositories, reader: Reader, group_id: str, *, now: datetime
) -> tuple[GroupDocument, MembershipDocument]:
    """The group and the reader's membership, if they may post there now."""
    group, membership = await reading.share_place(repos, reader, group_id)
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


def status_after_screen(group: GroupDocument, level: RiskLevel) -> ContentStatus:
    """High risk in a youth group waits for staff; everything else is published."""
    return ContentStatus.HELD if group.youth and level is RiskLevel.HIGH else ContentStatus.PUBLISHED


def is_sensitive(level: RiskLevel) -> bool:
    return level is not RiskLevel.NONE


async def tell_leads_if_high(
    publishing: Publishing, reader: Reader, group_id: str, content_id: str, support: Signposting, *, now: datetime
) -> None:
    if support.level is RiskLevel.HIGH:
        await tell_leads(
            repos=publishing.repos, key=publishing.key, group_id=group_id, content_id=content_id,
            author_key=reader.author_key, now=now,
        )  # fmt: skip


def poster_standing(reader: Reader, membership: MembershipDocument) -> Standing:
    found = standing(reader, membership)
    assert found is not None  # noqa: S101 - a poster is an active member
    return found


async def _refuse_unless_anonymity_holds(repos: Repositories, group_id: str, *, now: datetime) -> None:
    """Anonymous posting needs enough members who joined over a week ago (ANON-5), counted now."""
    established = await repos.memberships.count_established(
        group_id, joined_before=established_before(now), limit=ANONYMITY_SET_COUNT_LIMIT
    )
    refuse_small_anonymity_set(established)


async def _record_authorship(repos: Repositories, reader: Reader, content_id: str, *, anonymous: bool) -> None:
    """Written before the content, so content never exists without its author's key."""
    await repos.authorship.insert(AuthorshipDocument(id=content_id, author_key=reader.author_key))
    if not anonymous:
        await repos.bylines.insert(BylineDocument(id=content_id, member_id=reader.id))
