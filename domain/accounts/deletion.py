"""Deleting an account: a request that hides and signs the member out, a grace
period in which they can come back, then the purge (domain/accounts/purge.py).

The confirmation is the member's own display name, typed again: it is
language-neutral (English and Welsh), shown to them on the screen, and
deliberate. A lead must hand leadership on first: a group is never left
without a lead by a deletion (the same rule as leaving, LAST_LEAD).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from domain.accounts.errors import AccountError, AccountErrorCode
from infra.firebase import FirebaseAccounts
from infra.mongo.repositories.registry import Repositories
from schemas.documents.account_deletions import PLACEHOLDER_NAME, AccountDeletionDocument, new_tombstone_id
from schemas.documents.groups import GroupDocument
from schemas.documents.members import MemberDocument
from schemas.documents.memberships import GroupRole

logger = logging.getLogger(__name__)
_MAX_GROUPS = 200


def confirms(member: MemberDocument, confirm: str) -> bool:
    """The typed confirmation matches the member's display name (spaces and case aside)."""
    return confirm.strip().casefold() == member.display_name.strip().casefold()


async def request_deletion(
    *, repos: Repositories, accounts: FirebaseAccounts, member: MemberDocument, confirm: str, grace: timedelta,
    now: datetime, remove_anonymous: bool = False,
) -> AccountDeletionDocument:  # fmt: skip
    """Record the request, hide the member, end their sessions and stop their pushes. Their anonymous
    posts stay, linked to no one, unless `remove_anonymous` (domain/accounts/anonymous_content.py).
    """
    if not confirms(member, confirm):
        raise AccountError(AccountErrorCode.CONFIRMATION_MISMATCH, "Type your display name exactly to confirm.")
    if await sole_lead_of(repos, member.id):
        message = "You're the only lead of a group: hand leadership to someone first."
        raise AccountError(AccountErrorCode.LEADERSHIP_HANDOVER_NEEDED, message)
    deletion = await repos.account_deletions.insert_if_new(
        AccountDeletionDocument(
            id=member.id, firebase_uid=member.firebase_uid, tombstone_id=new_tombstone_id(),
            display_name=member.display_name, requested_at=now, purge_after=now + grace,
            remove_anonymous=remove_anonymous,
        )
    )  # fmt: skip
    # The record first: every later write is repeatable, so a retry after a crash completes it.
    await repos.members.hide(member.id, placeholder=PLACEHOLDER_NAME, now=now)
    await repos.memberships.set_hidden(member.id, hidden=True)
    await repos.erasure.delete_by_member("devices", member.id)
    await accounts.revoke_sessions(member.firebase_uid)
    # The tombstone, not the member id: after the purge no log line may name them (REG-6).
    logger.info("account deletion requested", extra={"tombstone_id": deletion.tombstone_id})
    return deletion


async def sole_lead_of(repos: Repositories, member_id: str) -> list[GroupDocument]:
    """Live groups this member leads alone: they must hand over before deleting their account."""
    leading = [m for m in await repos.memberships.leading(member_id, limit=_MAX_GROUPS) if m.role is GroupRole.LEAD]
    groups = await repos.groups.get_many([m.group_id for m in leading])
    return [group for group in groups if not group.archived and group.lead_count <= 1]


async def restore(*, repos: Repositories, member: MemberDocument, now: datetime) -> MemberDocument:
    """Cancel a pending deletion during the grace period: the member is back as they were."""
    if member.deletion_requested_at is None:
        raise AccountError(AccountErrorCode.NOT_PENDING_DELETION, "Your account isn't waiting to be deleted.")
    cancelled = await repos.account_deletions.cancel(member.id, now=now)
    if cancelled is None:
        raise AccountError(AccountErrorCode.RESTORE_TOO_LATE, "Your account is already being deleted.")
    await repos.members.unhide(member.id, display_name=cancelled.display_name, now=now)
    await repos.memberships.set_hidden(member.id, hidden=False)
    logger.info("account deletion cancelled", extra={"tombstone_id": cancelled.tombstone_id})
    return member.model_copy(update={"display_name": cancelled.display_name, "deletion_requested_at": None})


class AccountStatus(StrEnum):
    ACTIVE = "active"
    PENDING_DELETION = "pending_deletion"


@dataclass(frozen=True)
class AccountState:
    """Where the member's account is: active, or waiting to be deleted (and until when it can be restored)."""

    status: AccountStatus
    deletion_requested_at: datetime | None = None
    delete_after: datetime | None = None


async def account_state(*, repos: Repositories, member: MemberDocument) -> AccountState:
    """The member's account state; the deletion record is read only while one waits."""
    if member.deletion_requested_at is None:
        return AccountState(AccountStatus.ACTIVE)
    deletion = await repos.account_deletions.get(member.id)
    delete_after = deletion.purge_after if deletion is not None else None
    return AccountState(AccountStatus.PENDING_DELETION, member.deletion_requested_at, delete_after)
