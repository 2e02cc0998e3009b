"""Reading a group's shares and their responses: what each reader may see, and as what.

Every function decides visibility here (policies.shown_status); the API only
shapes the result. Content a reader may not see is HiddenError, the same as a
random id; every lookup reads the same documents whether the content exists
or not, so the two also cost the same (GQL-12).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from domain.errors import HiddenError
from domain.groups import is_present
from domain.shares.policies import Reader, Standing, listed_statuses, require_standing, shown_status
from infra.mongo.repositories.registry import Repositories
from schemas.documents.groups import GroupDocument
from schemas.documents.memberships import MembershipDocument
from schemas.documents.responses import ResponseDocument
from schemas.documents.shares import ContentStatus, ShareDocument
from schemas.pagination import Keyset, Page

T = TypeVar("T", ShareDocument, ResponseDocument)

# The author's own unpublished shares are merged into their feed from the group's
# newest unpublished ones; a group rarely has more, and older ones stay in the author's view
# of each share.
UNPUBLISHED_SCAN = 200


@dataclass(frozen=True)
class Seen(Generic[T]):
    """A share or response as one reader sees it: the status they are shown and their standing."""

    item: T
    status: ContentStatus
    standing: Standing


async def share_place(
    repos: Repositories, reader: Reader, group_id: str
) -> tuple[GroupDocument | None, MembershipDocument | None]:
    """The group and the reader's membership: both reads always run."""
    group = await repos.groups.get(group_id)
    membership = await repos.memberships.get(group_id, reader.id)
    return group, membership


async def standing_in(*, repos: Repositories, reader: Reader, group_id: str) -> Standing:
    """The reader's standing in the group, read now; HiddenError for an outsider."""
    return require_standing(reader, *await share_place(repos, reader, group_id))


async def member_standing(*, repos: Repositories, reader: Reader, group_id: str) -> Standing:
    """As standing_in, for members present only (the live feed): staff read, they do not follow, and
    a member who asked to delete their account is signed out of it too.
    """
    group, membership = await share_place(repos, reader, group_id)
    if membership is None or not is_present(membership):
        raise HiddenError(group_id)
    return require_standing(reader, group, membership)


async def group_feed(
    *, repos: Repositories, reader: Reader, group_id: str, after: Keyset | None, first: int
) -> Page[Seen[ShareDocument]]:
    """A group's shares, newest minute first, random order within a minute (ANON-4)."""
    standing = await standing_in(repos=repos, reader=reader, group_id=group_id)
    listed = listed_statuses(standing)
    page = await repos.shares.page(group_id, statuses=listed, after=after, first=first)
    seen = [Seen(share, share.status, standing) for share in page.items]
    own = await _own_unlisted(repos, reader, group_id, standing, after)
    merged = sorted([*seen, *own], key=lambda s: (s.item.created_minute, s.item.id), reverse=True)
    return Page(items=merged[:first], has_next=page.has_next or len(merged) > first)


async def _own_unlisted(
    repos: Repositories, reader: Reader, group_id: str, standing: Standing, after: Keyset | None
) -> list[Seen[ShareDocument]]:
    """The reader's own shares that others in their standing do not see (held, hidden, removed)."""
    unlisted = [status for status in ContentStatus if status not in listed_statuses(standing)]
    if not unlisted:
        return []
    candidates = await repos.shares.newest(group_id, statuses=unlisted, after=after, limit=UNPUBLISHED_SCAN)
    keys = await repos.authorship.keys_of([share.id for share in candidates]) if candidates else {}
    return [_seen(share, standing, is_author=True) for share in candidates if reader.wrote(keys.get(share.id))]


async def get_share(*, repos: Repositories, reader: Reader, share_id: str) -> Seen[ShareDocument]:
    """One share, if the reader may see it."""
    share = await repos.shares.get(share_id)
    return await _visible(repos, reader, share, share_id, await _key(repos, share_id))


async def get_response(*, repos: Repositories, reader: Reader, response_id: str) -> Seen[ResponseDocument]:
    """One response, if the reader may see it and its share."""
    response = await repos.responses.get(response_id)
    seen = await _visible(repos, reader, response, response_id, await _key(repos, response_id))
    await get_share(repos=repos, reader=reader, share_id=seen.item.share_id)
    return seen


async def _key(repos: Repositories, content_id: str) -> str | None:
    authorship = await repos.authorship.get(content_id)
    return authorship.author_key if authorship else None


async def _visible(
    repos: Repositories, reader: Reader, item: T | None, item_id: str, author_key: str | None
) -> Seen[T]:
    group, membership = await share_place(repos, reader, item.group_id if item else item_id)
    if item is None:
        raise HiddenError(item_id)
    standing = require_standing(reader, group, membership)
    status = shown_status(item.status, standing, is_author=reader.wrote(author_key))
    if status is None:
        raise HiddenError(item_id)
    return Seen(item, status, standing)


def _seen(item: T, standing: Standing, *, is_author: bool) -> Seen[T]:
    status = shown_status(item.status, standing, is_author=is_author)
    assert status is not None  # noqa: S101 - the caller chose items the reader may see
    return Seen(item, status, standing)


async def response_threads(
    *, repos: Repositories, reader: Reader, shares: Sequence[tuple[str, Standing]]
) -> dict[str, list[Seen[ResponseDocument]]]:
    """The responses the reader may see on each share, oldest first: two queries for any number of
    shares (a thread is bounded by MAX_RESPONSES_PER_SHARE).
    """
    standings = dict(shares)
    responses = await repos.responses.for_shares(list(standings))
    unlisted = [r.id for r in responses if r.status not in listed_statuses(standings[r.share_id])]
    keys = await repos.authorship.keys_of(unlisted) if unlisted else {}
    found: dict[str, list[Seen[ResponseDocument]]] = {share_id: [] for share_id in standings}
    for response in responses:
        status = shown_status(
            response.status, standings[response.share_id], is_author=reader.wrote(keys.get(response.id))
        )
        if status is not None:
            found[response.share_id].append(Seen(response, status, standings[response.share_id]))
    return found
