"""Delivering one notification as a text message: the outbox's SMS channel (docs/product/texting.md).

It runs under the same numbered claim as a push (domain/notifications/delivery.py), after the
same decision (preferences, a break, quiet hours, age), and takes a place under the same daily
cap. Then, in order: the member's number must be confirmed and not stopped; the text takes one
place in its organisation's monthly budget (one conditional `$inc`; given back if it does not
go); the attempt is written (`in_flight`) before Twilio is asked, so a run after a crash first
asks Twilio for the texts it already holds to the number and adopts one with the same words
made since, instead of texting the member twice; then Twilio's answer is recorded: accepted
(delivery receipts follow at the status webhook), retried later on 429 and 5xx, or given up.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode

from domain.notifications.service import notify_each
from infra.mongo.repositories.registry import Repositories
from infra.phones import PhoneVault
from infra.queue import TaskQueue
from infra.settings import TextSettings
from infra.sms import TextOutcome, TextResult, TextSender
from schemas.documents.base import new_id
from schemas.documents.members import MemberDocument
from schemas.documents.notifications import (
    Channel,
    DeliveryOutcome,
    DeviceDelivery,
    NotificationDocument,
    NotificationKind,
)
from schemas.documents.org_roles import OrgRole
from schemas.documents.staff_alerts import StaffAlertDocument, StaffAlertKind
from schemas.documents.text_budgets import PLATFORM
from schemas.documents.text_contacts import TextContactDocument, TextStatus

logger = logging.getLogger(__name__)

WARN_AT = 0.8  # of the monthly budget: staff and the organisation's admins are told once a month
# A text Twilio made this long before our attempt began is not ours (clocks differ by a little).
_ADOPT_SKEW = timedelta(minutes=1)


@dataclass(frozen=True)
class Texting:
    """What the SMS channel needs from its process."""

    sender: TextSender
    vault: PhoneVault
    settings: TextSettings


@dataclass(frozen=True)
class TextPlan:
    """A text ready to go: to whom, what it says, and whose budget pays."""

    contact: TextContactDocument
    number: str
    body: str
    organisation_id: str
    month: str


def month_of(now: datetime) -> str:
    return f"{now:%Y-%m}"


async def budget_owner(repos: Repositories, group_id: str) -> str:
    """Who pays for a group's texts: its host organisation, else the platform."""
    return await repos.groups.host_organisation(group_id) or PLATFORM


def status_callback(settings: TextSettings, notification: NotificationDocument) -> str:
    """The delivery-receipt URL for this text: the outbox id (and its member, the shard key) in the query."""
    query = urlencode({"outbox": notification.id, "member": notification.member_id})
    return f"{settings.webhook_base_url.rstrip('/')}/twilio/status?{query}"


def why_not_texted(notification: NotificationDocument, contact: TextContactDocument | None) -> str | None:
    """Why this text cannot go to this member at all; None when it can."""
    if contact is None:
        return "no_phone"
    if contact.status is TextStatus.STOPPED:
        return "text_stopped"
    if contact.status is TextStatus.PENDING and notification.kind is not NotificationKind.TEXT_WELCOME:
        return "text_unconfirmed"
    return None


async def adopt_earlier(texting: Texting, plan: TextPlan, earlier: DeviceDelivery | None) -> str | None:
    """After a run died mid-send: the sid of the text Twilio already took for it, if any."""
    if earlier is None or earlier.outcome is not DeliveryOutcome.IN_FLIGHT:
        return None
    for sent in await texting.sender.recent_to(plan.number):
        if sent.body == plan.body and sent.created_at >= earlier.at - _ADOPT_SKEW:
            return sent.sid
    return None


async def monthly_budget(repos: Repositories, settings: TextSettings, organisation_id: str) -> int:
    """The organisation's own monthly budget if it set one, else the platform default (read for each
    text, so a change counts from the next one).
    """
    own = None if organisation_id == PLATFORM else await repos.organisations.text_budget(organisation_id)
    return settings.monthly_budget_default if own is None else own


async def take_budget(
    repos: Repositories, queue: TaskQueue, texting: Texting, plan: TextPlan, *, group_id: str, now: datetime
) -> bool:
    """One text from the month's budget; staff warned once when it passes 80%. False when spent."""
    limit = await monthly_budget(repos, texting.settings, plan.organisation_id)
    sent = await repos.text_budgets.take(plan.organisation_id, plan.month, limit=limit)
    if sent is None:
        logger.warning("text budget spent", extra={"organisation_id": plan.organisation_id, "month": plan.month})
        return False
    await warn_if_low(repos, queue, organisation_id=plan.organisation_id, month=plan.month, sent=sent, limit=limit,
                      group_id=group_id, now=now)  # fmt: skip
    return True


async def warn_if_low(
    repos: Repositories, queue: TaskQueue, *, organisation_id: str, month: str, sent: int, limit: int,
    group_id: str, now: datetime,
) -> None:  # fmt: skip
    """At 80%, once per organisation and month: a staff alert for platform staff, and a push to each
    of the organisation's org admins. Both are written before the month is marked warned, and both
    are idempotent (the alert's open key, the outbox's dedupe key), so a crash between them loses
    nothing and a rerun sends nothing twice.
    """
    if sent < WARN_AT * limit:
        return
    budget = await repos.text_budgets.get(organisation_id, month)
    if budget is not None and budget.warned_at is not None:
        return
    subject = f"{organisation_id}:{month}"
    alert = StaffAlertDocument(
        id=new_id(), kind=StaffAlertKind.TEXT_BUDGET_LOW, group_id=group_id,
        open_key=f"{StaffAlertKind.TEXT_BUDGET_LOW.value}:{subject}", created_at=now,
    )  # fmt: skip
    await repos.staff_alerts.raise_if_new(alert)
    if organisation_id != PLATFORM:
        admins = await repos.org_roles.in_organisation(organisation_id, roles=(OrgRole.ORG_ADMIN,))
        recipients = {role.member_id: f"text_budget_low:{subject}:{role.member_id}" for role in admins}
        await notify_each(repos=repos, queue=queue, recipients=recipients, kind=NotificationKind.TEXT_BUDGET_LOW,
                          now=now)  # fmt: skip
    if await repos.text_budgets.mark_warned(organisation_id, month, now=now):
        logger.warning("text budget at 80%%", extra={"organisation_id": organisation_id, "month": month})


async def send_planned(texting: Texting, plan: TextPlan, notification: NotificationDocument) -> TextResult:
    return await texting.sender.send(
        to=plan.number, body=plan.body, status_callback=status_callback(texting.settings, notification)
    )


def delivery_of(result: TextResult, *, now: datetime) -> DeviceDelivery:
    outcome = {
        TextOutcome.ACCEPTED: DeliveryOutcome.ACCEPTED,
        TextOutcome.RETRY: DeliveryOutcome.RETRY,
        TextOutcome.UNSUBSCRIBED: DeliveryOutcome.FAILED,
        TextOutcome.REFUSED: DeliveryOutcome.FAILED,
    }[result.outcome]
    return DeviceDelivery(outcome=outcome, code=result.code, message_id=result.sid, at=now)


def wants_text(notification: NotificationDocument, member: MemberDocument) -> bool:
    """A text rather than a push: the outbox says so, or the member has no app."""
    return notification.channel is Channel.SMS or member.joins_by_text
