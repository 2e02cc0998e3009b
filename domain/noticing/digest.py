"""The leads' digest: at most one push a day per lead, at 09:00 in the lead's time zone,
when something waits in the groups they look after (members who have gone quiet and
allow their leads to know, join requests, reports). Co-leads get it while every lead of
the group is away (`lead_facing_recipients`). Nothing in it is about moods.

The push says only that the day's summary is ready (no names, no counts of
anything personal); the app reads the summary from `myLeadership`. Each lead's
`lead_digests` document holds their next 09:00, written when something starts
waiting in one of their groups, so the tick reads only leads who are due. A
digest's `dedupe_key` is the lead and their local date: once a day, whatever
ticks repeat.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from domain.groups import Attention, attention_for, lead_facing_recipients, next_digest_at
from domain.members import local_date, member_zone
from domain.notifications import notify
from infra.mongo.repositories.registry import Repositories
from infra.queue import TaskQueue
from schemas.documents.lead_digests import LeadDigestDocument
from schemas.documents.members import MemberDocument
from schemas.documents.memberships import MembershipDocument
from schemas.documents.notifications import NotificationKind
from schemas.pagination import Keyset

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
MAX_BATCHES = 20
LEADING_MAX = 200  # groups one person leads


@dataclass
class DigestOutcome:
    looked_at: int = 0
    sent: int = 0


async def send_digests(*, repos: Repositories, queue: TaskQueue, now: datetime) -> DigestOutcome:
    """Send each lead who is due their digest, if anything waits; up to a bound per tick."""
    outcome = DigestOutcome()
    after: Keyset | None = None
    for _ in range(MAX_BATCHES):
        due = await repos.lead_digests.due(now, limit=BATCH_SIZE, after=after)
        leads = {m.id: m for m in await repos.members.get_many([d.id for d in due])} if due else {}
        for digest in due:
            await _digest(repos, queue, digest, leads.get(digest.id), now=now, outcome=outcome)
        if len(due) < BATCH_SIZE:
            break
        after = Keyset(value=due[-1].next_at or now, id=due[-1].id)
    if outcome.sent:
        logger.info("lead digests", extra={"sent": outcome.sent, "looked_at": outcome.looked_at})
    return outcome


async def _digest(
    repos: Repositories,
    queue: TaskQueue,
    digest: LeadDigestDocument,
    lead: MemberDocument | None,
    *,
    now: datetime,
    outcome: DigestOutcome,
) -> None:
    outcome.looked_at += 1
    if lead is None:
        await repos.lead_digests.move(digest.id, at=None, was=digest.next_at, now=now)
        return
    summary = await lead_summary(repos, lead.id, now=now)
    zone = member_zone(lead)
    if any(attention.anything for attention in summary.values()):
        sent = await notify(
            repos=repos, queue=queue, member_id=lead.id, kind=NotificationKind.LEAD_DIGEST,
            dedupe_key=f"lead_digest:{lead.id}:{local_date(now, zone).isoformat()}", now=now,
        )  # fmt: skip
        outcome.sent += sent is not None
        await repos.lead_digests.move(digest.id, at=next_digest_at(now, zone), was=digest.next_at, now=now)
    else:  # nothing waits: quiet until something does
        await repos.lead_digests.move(digest.id, at=None, was=digest.next_at, now=now)


async def lead_summary(repos: Repositories, lead_id: str, *, now: datetime) -> dict[str, Attention]:
    """What waits in each live group where the lead hears what a lead should (as lead, or as a
    co-lead while every lead is away).
    """
    leading = await repos.memberships.leading(lead_id, limit=LEADING_MAX)
    live = [g.id for g in await repos.groups.get_many([m.group_id for m in leading]) if not g.archived]
    leaders: dict[str, list[MembershipDocument]] = defaultdict(list)
    for membership in await repos.memberships.leaders_of_groups(live) if live else []:
        leaders[membership.group_id].append(membership)
    mine = [group_id for group_id in live if lead_id in lead_facing_recipients(leaders[group_id], now)]
    return await attention_for(repos, mine, viewer_id=lead_id)
