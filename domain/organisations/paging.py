"""Safeguarding on call: a new alert of a hosted group pages the person on duty, by push and by
email, and climbs the rota until someone acknowledges it; then the platform's safeguarding team.

Beat's tick runs `page_due`. The crisis screen only writes the alert (with `page_due_at` set to
its creation), so it never waits on any of this. Each step is idempotent: the page is recorded
under a unique '<alert>:<step>' key first, its push goes through the notification outbox under
its own dedupe key, its email is claimed before it is sent, and only then does the alert move on
to the next step (a conditional update from this step). A worker that dies anywhere in between
leaves the step for the next tick, which finds the page already recorded and sends only what
was not sent: nobody is paged twice for one step. Alerts of unhosted groups are not paged: the
platform's safeguarding staff read them in `safeguardingAlerts`, as before.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.notifications import notify
from domain.organisations.rota import OnCall, on_call
from infra.email import Email, EmailNotSentError, EmailSender
from infra.mongo.repositories.registry import Repositories
from infra.queue import TaskQueue
from schemas.documents.base import new_id
from schemas.documents.notifications import NotificationKind
from schemas.documents.organisations import OrganisationDocument
from schemas.documents.safeguarding_alerts import AlertStatus, RiskLevel, SafeguardingAlertDocument
from schemas.documents.safeguarding_pages import EmailStatus, SafeguardingPageDocument
from schemas.push import PushKey

logger = logging.getLogger(__name__)

MAX_BATCHES = 20  # bounds one tick; what is left waits for the next


@dataclass(frozen=True)
class Pager:
    """What paging needs: the store, the queue (pushes), the SMTP sender, and where the last step goes."""

    repos: Repositories
    queue: TaskQueue
    email: EmailSender
    platform_address: str | None
    batch_size: int = 200
    email_claim: timedelta = timedelta(minutes=2)


def deadline(organisation: OrganisationDocument, alert: SafeguardingAlertDocument) -> timedelta:
    """How long the person paged has to acknowledge, set per organisation."""
    minutes = organisation.ack_minutes_high if alert.level is RiskLevel.HIGH else organisation.ack_minutes_other
    return timedelta(minutes=minutes)


async def page_due(*, pager: Pager, now: datetime) -> int:
    """Page every alert whose next step is due, then send any email a dead worker left; how many steps."""
    paged = 0
    for _ in range(MAX_BATCHES):
        due = await pager.repos.safeguarding_alerts.due_for_paging(now, limit=pager.batch_size)
        for alert in due:
            paged += await page_step(pager=pager, alert=alert, now=now)
        if len(due) < pager.batch_size:
            break
    for page in await pager.repos.safeguarding_pages.emails_due(now, limit=pager.batch_size):
        await _send_email(pager, page, now=now)
    if paged:
        logger.info("safeguarding pages sent", extra={"count": paged})
    return paged


async def _host(repos: Repositories, alert: SafeguardingAlertDocument) -> OrganisationDocument | None:
    """The organisation the chain belongs to: the one it started with, else the group's host now."""
    if alert.organisation_id is not None:
        return await repos.organisations.get(alert.organisation_id)
    group = await repos.groups.get(alert.group_id) if alert.group_id else None
    return await repos.organisations.get(group.host_organisation_id) if group and group.host_organisation_id else None


async def page_step(*, pager: Pager, alert: SafeguardingAlertDocument, now: datetime) -> int:
    """Send the alert's next page (or finish a half-sent one); 1 when this call moved it on."""
    repos = pager.repos
    organisation = await _host(repos, alert)
    if alert.status is not AlertStatus.OPEN or organisation is None:
        await repos.safeguarding_alerts.stop_paging(alert.id)  # answered, or unhosted: the platform's queue
        return 0
    pages = await repos.safeguarding_pages.for_alert(alert.id)
    page = next((p for p in pages if p.step == alert.page_step), None)
    if page is None:
        if any(p.to_platform for p in pages):
            await repos.safeguarding_alerts.stop_paging(alert.id)  # the top of the chain was reached
            return 0
        already = {member for p in pages for member in p.member_ids}
        on_duty = [person for person in await on_call(repos=repos, organisation_id=organisation.id, at=now)
                   if person.member_id not in already]  # fmt: skip
        page = await repos.safeguarding_pages.record(_page(pager, alert, organisation, on_duty[:1], now=now))
    for member_id in page.member_ids:
        await notify(
            repos=repos, queue=pager.queue, member_id=member_id, kind=NotificationKind.SAFEGUARDING_PAGE,
            dedupe_key=f"safeguarding_page:{page.dedupe_key}", params={PushKey.ALERT_ID.value: alert.id}, now=now,
            urgent=True,
        )  # fmt: skip
    await _send_email(pager, page, now=now)
    next_due = None if page.to_platform else now + deadline(organisation, alert)
    moved = await repos.safeguarding_alerts.advance_paging(
        alert.id, step=page.step, organisation_id=organisation.id, next_due=next_due
    )
    return int(moved)


def _page(
    pager: Pager, alert: SafeguardingAlertDocument, organisation: OrganisationDocument, next_up: list[OnCall],
    *, now: datetime,
) -> SafeguardingPageDocument:  # fmt: skip
    """The next step: the next person on duty not yet paged, else the platform's team."""
    to_platform = not next_up
    emails = (
        tuple(p.email for p in next_up if p.email)
        if next_up
        else ((pager.platform_address,) if pager.platform_address else ())
    )
    return SafeguardingPageDocument(
        id=new_id(), dedupe_key=f"{alert.id}:{alert.page_step}", alert_id=alert.id, organisation_id=organisation.id,
        step=alert.page_step, to_platform=to_platform, member_ids=tuple(p.member_id for p in next_up),
        emails=emails, paged_at=now, email_status=EmailStatus.PENDING if emails else EmailStatus.NONE,
    )  # fmt: skip


async def _send_email(pager: Pager, page: SafeguardingPageDocument, *, now: datetime) -> None:
    """Claim the page's email, send it, mark it sent. Unreachable SMTP leaves it for a later tick."""
    if page.email_status is not EmailStatus.PENDING:
        return
    claimed = await pager.repos.safeguarding_pages.claim_email(page.id, now=now, until=now + pager.email_claim)
    if claimed is None:
        return  # sent already, or another worker holds it
    alert = await pager.repos.safeguarding_alerts.get(page.alert_id)
    organisation = await pager.repos.organisations.get(page.organisation_id) if page.organisation_id else None
    try:
        await pager.email.send(_email(page, alert, organisation))
    except EmailNotSentError as error:
        logger.warning("safeguarding page email not sent", extra={"page_id": page.id, "error": str(error)})
        return
    await pager.repos.safeguarding_pages.email_sent(page.id, now=now)


def _email(
    page: SafeguardingPageDocument, alert: SafeguardingAlertDocument | None, organisation: OrganisationDocument | None
) -> Email:
    """Ids and what to do: never the member, their words, or the group."""
    high = alert is not None and alert.level is RiskLevel.HIGH
    who = organisation.name if organisation else "a hosted group"
    if page.to_platform:
        subject = f"Escalated safeguarding alert: nobody on call at {who} has acknowledged it"
        opening = f"Nobody on call at {who} has acknowledged this safeguarding alert in time."
    else:
        subject = f"{'High-risk s' if high else 'S'}afeguarding alert: you are on call for {who}"
        minutes = (organisation.ack_minutes_high if high else organisation.ack_minutes_other) if organisation else 0
        opening = (
            f"A {'high-risk ' if high else ''}safeguarding alert in a group {who} hosts needs the person on call. "
            f"Please acknowledge it within {minutes} minutes, or the next person on the rota is paged."
        )
    body = f"{opening}\n\nOpen the staff console and acknowledge alert {page.alert_id}.\n"
    return Email(to=page.emails, subject=subject, body=body, message_id=f"page-{page.id}")


async def record_acknowledgement(*, repos: Repositories, alert_id: str, by: str, now: datetime) -> None:
    """Note on every page of the alert who acknowledged it and when (the chain stops at the alert itself)."""
    await repos.safeguarding_pages.acknowledged(alert_id, by=by, now=now)
