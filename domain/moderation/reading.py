"""The moderation queue: one per group, shared by its leads and co-leads (and open to staff).

Each waiting report comes with what it is about, as a moderator may see it;
never with who reported it (ANON-10), and never with who wrote anonymous content.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.groups import is_active
from domain.moderation.policies import require_moderator
from domain.organisations import staffing_of
from domain.shares import ContentT, Reader, Seen, Standing, share_place, shown_status
from infra.mongo.repositories.registry import Repositories
from schemas.documents.members import MemberDocument
from schemas.documents.moderation_actions import ModerationActionDocument
from schemas.documents.reports import ReportDocument, ReportTargetKind
from schemas.documents.responses import ResponseDocument
from schemas.documents.shares import ShareDocument
from schemas.pagination import Keyset, Page


@dataclass(frozen=True)
class QueueItem:
    """A waiting report and its target (None when the target is gone or not for this moderator)."""

    report: ReportDocument
    share: Seen[ShareDocument] | None = None
    response: Seen[ResponseDocument] | None = None
    member: MemberDocument | None = None


async def moderation_queue(
    *, repos: Repositories, reader: Reader, group_id: str, after: Keyset | None, first: int
) -> Page[QueueItem]:
    """A group's waiting reports, oldest first, with their targets: four queries for any page.
    The host organisation's staff read it as its leads do (never who reported).
    """
    standing = await _queue_standing(repos, reader, group_id)
    page = await repos.reports.page_waiting(group_id, after=after, first=first)
    wanted = {kind: [r.target_id for r in page.items if r.target_kind is kind] for kind in ReportTargetKind}
    shares = {s.id: s for s in await repos.shares.get_many(wanted[ReportTargetKind.SHARE])}
    responses = {r.id: r for r in await repos.responses.get_many(wanted[ReportTargetKind.RESPONSE])}
    members = {m.id: m for m in await repos.members.get_many(wanted[ReportTargetKind.MEMBER])}
    items = [
        QueueItem(
            report=report,
            share=_seen(shares.get(report.target_id), standing),
            response=_seen(responses.get(report.target_id), standing),
            member=members.get(report.target_id) if report.target_kind is ReportTargetKind.MEMBER else None,
        )
        for report in page.items
    ]
    return Page(items=items, has_next=page.has_next)


async def moderation_log(
    *, repos: Repositories, reader: Reader, group_id: str, after: Keyset | None, first: int
) -> Page[ModerationActionDocument]:
    """What the group's leads and staff did there, newest first, for those who may read its queue.
    Entries name the moderator, never a reporter, and never the author of anonymous content.
    """
    await _queue_standing(repos, reader, group_id)
    return await repos.moderation_actions.page_for_group(group_id, after=after, first=first)


async def _queue_standing(repos: Repositories, reader: Reader, group_id: str) -> Standing:
    """A moderator's standing, or a lead's for staff of the group's host organisation."""
    group, membership = await share_place(repos, reader, group_id)
    host = group.host_organisation_id if group is not None else None
    outside = host and not is_active(membership) and not reader.safeguarding
    if outside and (await staffing_of(repos=repos, member_id=reader.id)).staffs(host):
        return Standing.MODERATOR
    return require_moderator(reader, membership, group_exists=group is not None)


def _seen(item: ContentT | None, standing: Standing) -> Seen[ContentT] | None:
    """The content as a moderator sees it (never as its author: a lead's own held share is staff's to review)."""
    status = shown_status(item.status, standing, is_author=False) if item is not None else None
    return Seen(item, status, standing) if item is not None and status is not None else None
