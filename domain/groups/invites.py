"""Invite codes: made by a group's leads and co-leads, shown once, stored only as a hash.

A code either lets its holder in at once (groupJoin) or, made as a request link
(`asks_leads`), lets them ask to join (joinRequestCreate), which a lead then
decides. Asking to join a closed group always takes such a code: the group's id is
not enough, so to everyone outside it a closed group looks exactly like one that
does not exist, on every path. Each use is taken by one conditional update.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.groups import validation as check
from domain.groups.access import authorized, note_leader_activity, refuse_if_archived
from domain.groups.errors import GroupError, GroupErrorCode
from domain.groups.policies import GroupAction, Viewer, age_refusal
from infra.mongo.repositories.registry import Repositories
from schemas.documents.base import new_id
from schemas.documents.groups import GroupDocument
from schemas.documents.invites import InviteDocument

INVITE_CODE_BYTES = 12  # 16 URL-safe characters, about 96 bits: not guessable
INVITE_CODE_MAX = 64
MAX_USES_LIMIT = 100
VALID_FOR_DAYS_LIMIT = 30


@dataclass(frozen=True)
class NewInvite:
    invite: InviteDocument
    code: str  # shown once, to the lead who made it; only its hash is stored


@dataclass(frozen=True)
class InviteTerms:
    max_uses: int
    valid_for_days: int
    asks_leads: bool = False


def hash_code(code: str) -> str:
    return hashlib.sha256(code.strip().encode()).hexdigest()


async def create_invite(
    *, repos: Repositories, viewer: Viewer, group_id: str, terms: InviteTerms, now: datetime
) -> NewInvite:
    """A new invite code, or request link, for the group (leads and co-leads)."""
    group, membership = await authorized(repos, viewer, group_id, GroupAction.INVITE)
    refuse_if_archived(group)
    if not 1 <= terms.max_uses <= MAX_USES_LIMIT:
        message = f"An invite can be used 1 to {MAX_USES_LIMIT} times."
        raise GroupError.from_issues([check.issue("maxUses", GroupErrorCode.MAX_USES_OUT_OF_RANGE, message)])
    if not 1 <= terms.valid_for_days <= VALID_FOR_DAYS_LIMIT:
        message = f"An invite lasts 1 to {VALID_FOR_DAYS_LIMIT} days."
        raise GroupError.from_issues([check.issue("validForDays", GroupErrorCode.VALIDITY_OUT_OF_RANGE, message)])
    code = secrets.token_urlsafe(INVITE_CODE_BYTES)
    invite = InviteDocument(
        id=new_id(), group_id=group.id, code_hash=hash_code(code), created_by=viewer.id, max_uses=terms.max_uses,
        uses_left=terms.max_uses, expires_at=now + timedelta(days=terms.valid_for_days), created_at=now,
        asks_leads=terms.asks_leads,
    )  # fmt: skip
    await repos.invites.insert(invite)
    await note_leader_activity(repos, membership, now=now)
    return NewInvite(invite=invite, code=code)


async def redeemable(repos: Repositories, code: str, *, now: datetime) -> tuple[InviteDocument, GroupDocument]:
    """The invite a code is for, and its group, while it can still be used; why not otherwise."""
    invite = await usable(repos, hash_code(code), now=now) if len(code) <= INVITE_CODE_MAX else None
    group = await repos.groups.get(invite.group_id) if invite else None
    if invite is None or group is None:
        raise _invalid()
    return invite, group


async def usable(repos: Repositories, code_hash: str, *, now: datetime) -> InviteDocument:
    invite = await repos.invites.get_by_code_hash(code_hash)
    if invite is None:
        raise _invalid()
    if invite.expires_at <= now:
        raise GroupError(GroupErrorCode.INVITE_EXPIRED, "That invite has expired. Ask your lead for a new one.")
    if invite.uses_left <= 0:
        raise GroupError(GroupErrorCode.INVITE_USED_UP, "That invite has been used up. Ask your lead for a new one.")
    return invite


async def take_use(repos: Repositories, invite: InviteDocument, *, now: datetime) -> None:
    """One use of the invite (give it back with `repos.invites.give_back` if what follows fails)."""
    if await repos.invites.use(invite.code_hash, now=now) is None:
        await usable(repos, invite.code_hash, now=now)  # raises why: it expired or was used up meanwhile
        raise GroupError(GroupErrorCode.INVITE_USED_UP, "That invite has just been used up. Ask for a new one.")


def refuse_join(group: GroupDocument, viewer: Viewer) -> None:
    """Why the code's holder cannot join the group it is for (or ask to): archived, or not their age."""
    refuse_if_archived(group)
    if age_refusal(group, viewer.age) is not None:
        message = "Youth groups are for 16 to 24 year olds." if group.youth else "Under-18s can join youth groups."
        raise GroupError(GroupErrorCode.AGE_NOT_ALLOWED, message)


def _invalid() -> GroupError:
    return GroupError(GroupErrorCode.INVITE_INVALID, "That invite code isn't one we know. Check it with your lead.")
