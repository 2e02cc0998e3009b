"""The purge after the grace period: the member erased from every collection (REG-6).

Steps run in order; each is idempotent and is recorded in the deletion record
once done, so a purge killed mid-way is finished by the next tick. Moderation
and safeguarding logs keep their entries with the member replaced by the
deletion's random tombstone id. The record goes last.

Anonymous posts are the exception, so that their going cannot point at the person:
they stay, unlinked, or (if the member asked) go each at its own moment later
(domain/accounts/anonymous_content.py); likewise the counts of the member's
reactions stay, while the reactions themselves go.

`COVERAGE` names how every collection is handled; a test checks that every
collection in `INDEXES` (and in the database) is listed, so a new collection
must decide its purge before it can ship.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.accounts.anonymous_content import schedule_removals
from domain.outreach import end_member_threads
from domain.sessions import forget_member
from domain.shares import AnonymityKey
from infra.firebase import FirebaseAccounts
from infra.mongo.repositories.registry import Repositories
from schemas.documents.account_deletions import AccountDeletionDocument
from schemas.documents.memberships import GroupRole, MembershipStatus
from schemas.documents.responses import ResponseDocument
from schemas.documents.shares import ShareDocument

logger = logging.getLogger(__name__)
_BATCH = 20

COVERAGE: dict[str, str] = {
    "members": "deleted (last but one)",
    "account_deletions": "deleted (last)",
    "checkins": "deleted", "devices": "deleted", "difficult_dates": "deleted", "follow_ups": "deleted",
    "push_budgets": "deleted", "data_exports": "deleted", "lead_digests": "deleted",
    "join_requests": "deleted (deciders tombstoned)",
    "invites": "deleted (made by the member)", "bylines": "deleted with the content",
    "notifications": "deleted (theirs, and heads-ups about them)", "push_claims": "deleted with notifications",
    "shares": "named: deleted, with every response to them; anonymous: kept unlinked, or removed over time if asked",
    "responses": "named: deleted; anonymous: kept unlinked, or removed over time if asked", "authorship": "deleted",
    "content_removals": "holds no member", "reactions": "deleted, counts kept (an anonymous aggregate)",
    "memberships": "deleted, places given back",
    "groups": "creator tombstoned", "moderation_actions": "actor and target tombstoned",
    "reports": "reporter and reported member tombstoned", "safeguarding_alerts": "member and staff tombstoned",
    "author_reveal_requests": "staff tombstoned", "author_reveal_audit": "staff tombstoned (kept 6 years)",
    "staff_alerts": "holds no member", "support_resources": "holds no member", "worker_heartbeats": "holds no member",
    "messages": "theirs deleted (on either side of any thread)",
    "threads": "theirs closed (the leads see it has ended), member tombstoned; a lead's writing is forgotten",
    "message_reports": "reporter tombstoned",
    "text_contacts": "deleted (the encrypted number and its lookup hash)", "text_budgets": "holds no member",
    "local_services": "holds no member (an organisation's imported directory)",
    "console_actions": "actor tombstoned (what staff and leads did at the console is kept)",
    "organisations": "creator tombstoned", "org_roles": "deleted (every role they held)",
    "rota_shifts": "deleted (their shifts)", "moderation_notices": "deleted (by their key and their id)",
    "safeguarding_pages": "who was paged and who acknowledged tombstoned",
    "rsvps": "deleted, places at coming sessions given back", "attendance": "deleted", "calendar_feeds": "deleted",
    "sessions": "creator tombstoned", "venues": "creator tombstoned",
}  # fmt: skip


@dataclass(frozen=True)
class Purge:
    repos: Repositories
    accounts: FirebaseAccounts
    key: AnonymityKey
    deletion: AccountDeletionDocument
    now: datetime
    spread: timedelta  # over which anonymous posts the member asked to remove go, one by one

    @property
    def member_id(self) -> str:
        return self.deletion.id


async def purge_due(
    *, repos: Repositories, accounts: FirebaseAccounts, key: AnonymityKey, now: datetime, spread: timedelta
) -> int:
    """Purge every member whose grace period is over; the number finished."""
    finished = 0
    for deletion in await repos.account_deletions.due(now, limit=_BATCH):
        await purge_member(Purge(repos, accounts, key, deletion, now, spread))
        finished += 1
    return finished


async def purge_member(purge: Purge) -> None:
    """Run the steps not yet done, recording each; then delete the record."""
    await purge.repos.account_deletions.mark_started(purge.member_id, now=purge.now)
    for name, step in STEPS:
        if name in purge.deletion.steps_done:
            continue
        await step(purge)
        await purge.repos.account_deletions.mark_step_done(purge.member_id, name)
    await purge.repos.account_deletions.delete(purge.member_id)
    logger.info("account purged", extra={"tombstone_id": purge.deletion.tombstone_id})


async def _content(purge: Purge) -> None:
    """Their named shares (with every response to them) and named responses elsewhere go; their
    anonymous ones lose their authorship, and go later, one by one, if the member asked.
    """
    erasure, data = purge.repos.erasure, purge.repos.personal_data
    ids = await data.authored_ids(purge.key.author_key(purge.member_id))
    content: list[ShareDocument | ResponseDocument] = [*await data.shares(ids), *await data.responses(ids)]
    shares = [item for item in content if isinstance(item, ShareDocument)]
    named = {item.id for item in content if not item.anonymous}
    share_ids = [share.id for share in shares if share.id in named]
    reply_ids = await erasure.response_ids_to(share_ids)
    # First, as when an author deletes a share: reports waiting on it need nobody now (and a
    # rerun could not find them once the content, and so its authorship, is gone).
    await purge.repos.reports.close_waiting_for_targets(sorted({*reply_ids, *named}), now=purge.now)
    await erasure.delete_shares(share_ids, reply_ids)
    for response_id in sorted(named - set(share_ids)):
        await erasure.delete_response(response_id)
    anonymous = [item for item in content if item.anonymous]
    if purge.deletion.remove_anonymous:  # scheduled before unlinking: a rerun finds them by their authorship
        await schedule_removals(purge.repos, anonymous, after=purge.now, spread=purge.spread)
    await purge.repos.authorship.delete_many([item.id for item in anonymous])
    await erasure.delete_by_member("bylines", purge.member_id)


async def _reactions(purge: Purge) -> None:
    """Their reactions go; the counts stay, or the shares' counts dropping at the purge would say which they gave."""
    await purge.repos.erasure.delete_reactions(purge.key.reactor_key(purge.member_id))


async def _own_documents(purge: Purge) -> None:
    erasure, member_id = purge.repos.erasure, purge.member_id
    for collection in ("checkins", "devices", "difficult_dates", "follow_ups", "push_budgets", "data_exports"):
        await erasure.delete_by_member(collection, member_id)
    await erasure.delete_by_member("join_requests", member_id)
    await erasure.delete_by_member("invites", member_id, field="created_by")
    await erasure.delete_by_member("lead_digests", member_id, field="_id")
    await erasure.delete_by_member("text_contacts", member_id, field="_id")
    await erasure.delete_by_member("org_roles", member_id)  # staff of an organisation no more
    await erasure.delete_by_member("rota_shifts", member_id)
    await erasure.delete_by_member("moderation_notices", member_id)
    await erasure.delete_by_member("moderation_notices", purge.key.author_key(member_id), field="author_key")
    await erasure.delete_notifications(member_id)


async def _threads(purge: Purge) -> None:
    """Their messages go; their own threads end ("This conversation has ended" for the leads), and they
    are no longer among those first told in the threads they answered as a lead.
    """
    await purge.repos.erasure.delete_by_member("messages", purge.member_id, field="author_id")
    await end_member_threads(repos=purge.repos, member_id=purge.member_id, now=purge.now)
    await purge.repos.erasure.forget_thread_writer(purge.member_id)


async def _sessions(purge: Purge) -> None:
    """Their answers (places at coming sessions go back), their attendance and their calendar address."""
    await forget_member(repos=purge.repos, member_id=purge.member_id, now=purge.now)


async def _memberships(purge: Purge) -> None:
    for membership in await purge.repos.erasure.memberships(purge.member_id):
        counted = membership.status is MembershipStatus.ACTIVE  # a removal gave the place back then
        lead = counted and membership.role is GroupRole.LEAD
        await purge.repos.erasure.end_membership(membership.id, membership.group_id, lead=lead, counted=counted)


_TOMBSTONED = (
    ("groups", "created_by"), ("join_requests", "decided_by"), ("moderation_actions", "actor_member_id"),
    ("moderation_actions", "target_id"), ("reports", "reporter_member_id"), ("reports", "target_id"),
    ("safeguarding_alerts", "member_id"), ("safeguarding_alerts", "acknowledged_by"),
    ("safeguarding_alerts", "resolved_by"), ("author_reveal_requests", "requested_by"),
    ("author_reveal_requests", "approved_by"), ("author_reveal_audit", "staff_member_id"),
    ("threads", "member_id"), ("threads", "opened_by"), ("message_reports", "reporter_member_id"),
    ("console_actions", "actor_member_id"), ("console_actions", "target_id"),
    ("organisations", "created_by"), ("safeguarding_pages", "acknowledged_by"),
    ("sessions", "created_by"), ("venues", "created_by"),
)  # fmt: skip


async def _logs(purge: Purge) -> None:
    """Keep what was done, with the member replaced by their tombstone id."""
    for collection, field in _TOMBSTONED:
        await purge.repos.erasure.tombstone(collection, field, purge.member_id, purge.deletion.tombstone_id)
    await purge.repos.erasure.tombstone_in_list(
        "safeguarding_pages", "member_ids", purge.member_id, purge.deletion.tombstone_id
    )


async def _firebase_user(purge: Purge) -> None:
    await purge.accounts.delete_user(purge.deletion.firebase_uid)


async def _member(purge: Purge) -> None:
    await purge.repos.members.delete(purge.member_id)


STEPS: tuple[tuple[str, Callable[[Purge], Awaitable[None]]], ...] = (
    ("content", _content),
    ("reactions", _reactions),
    ("own_documents", _own_documents),
    ("threads", _threads),
    ("sessions", _sessions),
    ("memberships", _memberships),
    ("logs", _logs),
    ("firebase_user", _firebase_user),
    ("member", _member),
)
