"""Who may read and write a group's shares, and what each reader sees of them. Pure rules.

Members read their group's published content; its leads and co-leads also see
what is hidden, to review it; trained safeguarding staff see everything, in
every group. Authors always see their own content, held or hidden ones
included (removed shows as hidden). Nobody else learns that unpublished content
exists: to them it is NOT_FOUND, exactly like a random id (GQL-12).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from domain.errors import HiddenError, NotPermittedError
from domain.groups import is_active
from domain.identity import Identity, Scope
from domain.shares.anonymity import AnonymityKey, same_key
from domain.shares.errors import ShareError, ShareErrorCode
from schemas.documents.groups import GroupDocument
from schemas.documents.members import MemberDocument
from schemas.documents.memberships import GroupRole, MembershipDocument
from schemas.documents.shares import ContentStatus

ANONYMITY_SET_MIN = 5  # active members who joined before ESTABLISHED_AFTER (ANON-5)
ESTABLISHED_AFTER = timedelta(days=7)  # recent joins do not count: a lead cannot invite sybils to shrink the set
EDIT_WINDOW = timedelta(minutes=15)
MAX_RESPONSES_PER_SHARE = 200  # keeps one thread's read bounded; far above a group of 100's need


class Standing(StrEnum):
    """What a reader is to a group's content."""

    MEMBER = "member"
    MODERATOR = "moderator"  # a lead or co-lead
    STAFF = "staff"  # safeguarding staff, in any group


_LISTED = {
    Standing.MEMBER: (ContentStatus.PUBLISHED,),
    Standing.MODERATOR: (ContentStatus.PUBLISHED, ContentStatus.HIDDEN),
    Standing.STAFF: tuple(ContentStatus),
}


@dataclass(frozen=True)
class Reader:
    """A signed-in member reading or writing content, with their keyed links (computed once)."""

    member: MemberDocument
    safeguarding: bool
    author_key: str
    reactor_key: str

    @classmethod
    def of(cls, member: MemberDocument, identity: Identity, key: AnonymityKey) -> Reader:
        return cls(
            member=member,
            safeguarding=Scope.SAFEGUARDING in identity.scopes,
            author_key=key.author_key(member.id),
            reactor_key=key.reactor_key(member.id),
        )

    @property
    def id(self) -> str:
        return self.member.id

    def wrote(self, author_key: str | None) -> bool:
        return same_key(author_key, self.author_key)


def standing(reader: Reader, membership: MembershipDocument | None) -> Standing | None:
    """The reader's standing in a group; None when its content is not for them."""
    if reader.safeguarding:
        return Standing.STAFF
    if not is_active(membership):
        return None
    assert membership is not None  # noqa: S101 - is_active checked it
    return Standing.MODERATOR if membership.role is not GroupRole.MEMBER else Standing.MEMBER


def require_standing(reader: Reader, group: GroupDocument | None, membership: MembershipDocument | None) -> Standing:
    """The reader's standing; HiddenError (NOT_FOUND) for a missing group or an outsider."""
    found = standing(reader, membership) if group is not None else None
    if found is None:
        raise HiddenError(group.id if group is not None else "group")
    return found


def listed_statuses(standing_: Standing) -> tuple[ContentStatus, ...]:
    """The statuses a reader sees of everyone's content."""
    return _LISTED[standing_]


def shown_status(status: ContentStatus, standing_: Standing, *, is_author: bool) -> ContentStatus | None:
    """The status a reader is shown, or None when the content is not for them."""
    if status in _LISTED[standing_]:
        return status
    if is_author:
        return ContentStatus.HELD if status is ContentStatus.HELD else ContentStatus.HIDDEN
    return None


def refuse_posting(
    reader: Reader, group: GroupDocument, membership: MembershipDocument | None, *, now: datetime
) -> None:
    """A member posts in a live group they are in, unless a moderator has muted them.
    Staff read every group but post in none they are not in.
    """
    if not is_active(membership):
        raise NotPermittedError("Only the group's members post here.") if reader.safeguarding else HiddenError(group.id)
    assert membership is not None  # noqa: S101 - is_active checked it
    if group.archived:
        raise ShareError(ShareErrorCode.GROUP_ARCHIVED, "This group has been archived: it can be read, not added to.")
    if membership.muted_until is not None and membership.muted_until > now:
        message = "A group lead has paused your posting here for now. You can still read and react."
        raise ShareError(ShareErrorCode.MUTED, message)


def established_before(now: datetime) -> datetime:
    return now - ESTABLISHED_AFTER


def refuse_small_anonymity_set(established: int) -> None:
    if established < ANONYMITY_SET_MIN:
        message = (
            f"Posting without your name needs at least {ANONYMITY_SET_MIN} members who joined over a week ago, "
            "so nobody can work out who wrote it. You can post under your name instead."
        )
        raise ShareError(ShareErrorCode.ANONYMITY_SET_TOO_SMALL, message)
