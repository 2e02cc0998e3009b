"""Safeguarding staff's alert queue across all groups: read, acknowledge, resolve with a note.

Every change is a conditional update from the states it may leave, and records
who did it and when (CRISIS-6); the note is special category data, shown to
staff only and never logged (CRISIS-9).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from domain.errors import HiddenError
from domain.organisations import groups_handled_by, record_acknowledgement
from domain.safeguarding.authority import authority_over, org_safeguarding_of
from domain.safeguarding.errors import SafeguardingError, SafeguardingErrorCode
from domain.shares import ContentT, Reader, Seen, Standing, clean_body
from infra.mongo.repositories.registry import Repositories
from schemas.documents.org_roles import OrgRole
from schemas.documents.reports import ReportDocument
from schemas.documents.responses import ResponseDocument
from schemas.documents.safeguarding_alerts import AlertSourceKind, AlertStatus, SafeguardingAlertDocument
from schemas.documents.safeguarding_pages import SafeguardingPageDocument
from schemas.documents.shares import ShareDocument
from schemas.pagination import Keyset, Page

NOTE_MAX = 2_000


@dataclass(frozen=True)
class AlertView:
    """An alert with what it points at, as staff see it (every status; never an anonymous author)."""

    alert: SafeguardingAlertDocument
    share: Seen[ShareDocument] | None = None
    response: Seen[ResponseDocument] | None = None
    report: ReportDocument | None = None
    thread_id: str | None = None  # the conversation a message (screened or reported) was said in
    pages: tuple[SafeguardingPageDocument, ...] = ()  # who was paged about it, step by step


async def alert_page(
    *, repos: Repositories, staff: Reader, statuses: Sequence[AlertStatus], after: Keyset | None, first: int
) -> Page[AlertView]:
    """Alerts in these statuses, newest first, with what each points at: across every group for the
    platform's safeguarding staff, across its hosted groups for an organisation's.
    """
    staffing = await org_safeguarding_of(repos, staff)
    statuses = statuses or tuple(AlertStatus)
    if staffing is None:
        page = await repos.safeguarding_alerts.page(statuses=statuses, after=after, first=first)
    else:
        groups = await groups_handled_by(repos=repos, staffing=staffing, role=OrgRole.ORG_SAFEGUARDING)
        page = await repos.safeguarding_alerts.page(statuses=statuses, after=after, first=first, group_ids=groups)
    return Page(items=await alert_views(repos, page.items), has_next=page.has_next)


async def alert_views(repos: Repositories, found: Sequence[SafeguardingAlertDocument]) -> list[AlertView]:
    """Each alert with its source: four queries for any number of alerts."""
    wanted = {kind: [a.source_id for a in found if a.source_kind is kind] for kind in AlertSourceKind}
    shares = {s.id: s for s in await repos.shares.get_many(wanted[AlertSourceKind.SHARE])}
    responses = {r.id: r for r in await repos.responses.get_many(wanted[AlertSourceKind.RESPONSE])}
    reports = {r.id: r for r in await repos.reports.get_many(wanted[AlertSourceKind.REPORT])}
    said = [*wanted[AlertSourceKind.MESSAGE], *wanted[AlertSourceKind.MESSAGE_REPORT]]
    threads = {m.id: m.thread_id for m in await repos.messages.get_many(said)} if said else {}
    pages = await repos.safeguarding_pages.for_alerts([a.id for a in found if a.page_step > 0])
    return [
        AlertView(
            alert=alert,
            share=_staff_seen(shares.get(alert.source_id)),
            response=_staff_seen(responses.get(alert.source_id)),
            report=reports.get(alert.source_id) if alert.source_kind is AlertSourceKind.REPORT else None,
            thread_id=threads.get(alert.source_id),
            pages=tuple(p for p in pages if p.alert_id == alert.id),
        )
        for alert in found
    ]


def _staff_seen(item: ContentT | None) -> Seen[ContentT] | None:
    return Seen(item, item.status, Standing.STAFF) if item is not None else None


async def acknowledge_alert(
    *, repos: Repositories, staff: Reader, alert_id: str, now: datetime
) -> SafeguardingAlertDocument:
    """A staff member takes an open alert."""
    alert = await _alert(repos, staff, alert_id)
    changed = await repos.safeguarding_alerts.acknowledge(alert.id, staff_id=staff.id, now=now)
    if changed is None:
        return _refused(await _alert(repos, staff, alert_id))
    await record_acknowledgement(repos=repos, alert_id=alert.id, by=staff.id, now=now)  # the chain stops climbing
    return changed


async def resolve_alert(
    *, repos: Repositories, staff: Reader, alert_id: str, note: str, now: datetime
) -> SafeguardingAlertDocument:
    """Close an alert with a note of what was done (it need not have been acknowledged first)."""
    alert = await _alert(repos, staff, alert_id)
    note = clean_body(note)
    if not 1 <= len(note) <= NOTE_MAX:
        raise SafeguardingError(
            SafeguardingErrorCode.NOTE_LENGTH, f"Say what was done in 1 to {NOTE_MAX:,} characters."
        )
    changed = await repos.safeguarding_alerts.resolve(alert.id, staff_id=staff.id, note=note, now=now)
    return changed or _refused(await _alert(repos, staff, alert_id))


async def _alert(repos: Repositories, staff: Reader, alert_id: str) -> SafeguardingAlertDocument:
    """The alert, if the person handles it: platform staff any, an organisation's safeguarding staff
    those of the groups it hosts now; another's looks exactly like a missing one.
    """
    staffing = await org_safeguarding_of(repos, staff)
    alert = await repos.safeguarding_alerts.get(alert_id)
    if alert is None:
        raise HiddenError(alert_id)
    await authority_over(repos, staffing, alert.group_id, alert_id)
    return alert


def _refused(alert: SafeguardingAlertDocument) -> SafeguardingAlertDocument:
    if alert.status is AlertStatus.RESOLVED:
        raise SafeguardingError(SafeguardingErrorCode.ALREADY_RESOLVED, "This alert has been resolved.")
    raise SafeguardingError(SafeguardingErrorCode.ALREADY_ACKNOWLEDGED, "Someone has taken this alert already.")
