"""Delivering one notification to a member's phones: the worker's side of the outbox.

Each run takes the next numbered push claim (an insert on a unique key, so
exclusive on MongoDB and FerretDB alike, with a lease), re-reads the
notification, the member and their devices, decides, records the outcome
under its claim and releases it. A run that gets no claim does nothing, so a
redelivered task, a duplicate sweep or a countdown retry that races the
sweeper never sends twice. A worker killed between FCM's answer and the write
leaves its claim to lapse; the sweeper then re-enqueues the notification, and
the next run sends again to the devices with no recorded outcome, under the
same Android tag and APNs collapse id, so the phone replaces the first push
with the second and the member sees one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from domain.members import local_date, member_zone
from domain.notifications import policies
from domain.notifications.catalogue import text_for
from domain.notifications.text_delivery import (
    Texting,
    TextPlan,
    adopt_earlier,
    budget_owner,
    delivery_of,
    month_of,
    send_planned,
    take_budget,
    wants_text,
    why_not_texted,
)
from domain.notifications.texts import sms_text_for
from infra.mongo.repositories.notifications import PushOutcome
from infra.mongo.repositories.registry import Repositories
from infra.push import PushSender
from infra.queue import TaskQueue
from infra.settings import PushSettings
from infra.sms import TextOutcome, TextResult
from schemas.documents.base import new_id
from schemas.documents.devices import DeviceDocument
from schemas.documents.members import MemberDocument
from schemas.documents.notifications import (
    PHONE,
    TERMINAL_STATUSES,
    DeliveryOutcome,
    DeviceDelivery,
    NotificationDocument,
    PushStatus,
)
from schemas.documents.push_claims import PushClaimDocument
from schemas.documents.text_contacts import TextStatus
from schemas.push import PushMessage, PushResult, SendOutcome, push_data
from schemas.tasks.notifications import DELIVER, DeliverNotification

logger = logging.getLogger(__name__)

# A retry sooner than this also goes back to the broker with a countdown, far
# below the visibility timeout; later ones wait for the sweeper (REL-4, C3).
MAX_COUNTDOWN_SECONDS = 60.0
# Claims beyond the send attempts: deferrals (quiet hours, the cap) and runs that died.
MAX_RUNS_WITHOUT_SENDING = 20
_DONE = {DeliveryOutcome.ACCEPTED, DeliveryOutcome.DEVICE_REMOVED, DeliveryOutcome.FAILED}
_SEND_OUTCOME = {
    SendOutcome.ACCEPTED: DeliveryOutcome.ACCEPTED,
    SendOutcome.RETRY: DeliveryOutcome.RETRY,
    SendOutcome.DEVICE_GONE: DeliveryOutcome.DEVICE_REMOVED,
    SendOutcome.FAILED: DeliveryOutcome.FAILED,
}


@dataclass(frozen=True)
class Pipeline:
    """What a delivery run needs from its process."""

    repos: Repositories
    push: PushSender
    queue: TaskQueue
    settings: PushSettings
    lease: timedelta
    texting: Texting | None = None  # the SMS channel; None where no process sends texts


def is_claimable(notification: NotificationDocument, now: datetime) -> bool:
    """Pending is ready now; deferred once its time comes; sending once the claim lapses."""
    push = notification.push
    if push.status in TERMINAL_STATUSES:
        return False
    return push.status is PushStatus.PENDING or push.not_before is None or push.not_before <= now


async def deliver(
    *, pipeline: Pipeline, notification_id: str, member_id: str | None = None, now: datetime
) -> PushStatus | None:
    """Claim the notification and push it, hold it, or keep it to the inbox; None when there was nothing to claim.
    `member_id`, its recipient, keeps every read and write of it on one shard (None: unknown).
    """
    repos = pipeline.repos
    seen = await repos.notifications.get(notification_id, member_id=member_id)
    if seen is None or not is_claimable(seen, now):
        return None  # cheap check first: most duplicate tasks stop here
    until = now + pipeline.lease
    taken = await repos.push_claims.take(notification_id, claim=new_id(), now=now, until=until)
    if taken is None:
        return None
    status: PushStatus | None = None
    try:
        status = await _deliver_claimed(pipeline, seen, taken, now=now)
    finally:
        if status not in TERMINAL_STATUSES:  # what is finished is never claimed again: no need to release
            await repos.push_claims.release(taken, now=now)
    logger.info("notification %s: %s", notification_id, status)
    return status


async def _deliver_claimed(
    pipeline: Pipeline, seen: NotificationDocument, taken: PushClaimDocument, *, now: datetime
) -> PushStatus | None:
    repos = pipeline.repos
    notification = seen
    if taken.number > 1:
        # A run that held an earlier claim may have finished since `seen` was read: read again under ours.
        fresh = await repos.notifications.get(seen.id, member_id=seen.member_id)
        if fresh is None or not is_claimable(fresh, now):
            return None
        notification = fresh
    await repos.notifications.mark_sending(notification, claim=taken.claim, now=now, until=taken.until)
    run = _Run(pipeline, notification, claim=taken.claim, now=now)
    # Runs that end without an outcome (a crash, a bug) must not loop for ever (REL-4).
    if taken.number > pipeline.settings.max_attempts + MAX_RUNS_WITHOUT_SENDING:
        return await run.give_up("too_many_runs")
    return await run.go()


class _Run:
    """One claimed attempt; every write checks the claim, so a lapsed run cannot overwrite a newer one."""

    def __init__(self, pipeline: Pipeline, notification: NotificationDocument, *, claim: str, now: datetime) -> None:
        self.pipeline = pipeline
        self.repos = pipeline.repos
        self.notification = notification
        self.claim = claim
        self.now = now

    async def go(self) -> PushStatus:
        found = await self.repos.members.get_many([self.notification.member_id])
        if not found:
            return await self._finish(PushStatus.FAILED, error="no_member")
        member = found[0]
        max_age = timedelta(hours=self.pipeline.settings.max_age_hours)
        decision = policies.decide(self.notification, member, now=self.now, max_age=max_age)
        if decision.action is policies.Action.SUPPRESS:
            return await self._finish(PushStatus.SUPPRESSED, error=decision.reason)
        if decision.action is policies.Action.EXPIRE:
            return await self._finish(PushStatus.EXPIRED, error=decision.reason)
        if decision.action is policies.Action.DEFER and decision.until is not None:
            return await self._defer(decision.until, reason=decision.reason)
        if wants_text(self.notification, member):
            return await self._text(member)
        return await self._send(member)

    async def give_up(self, reason: str) -> PushStatus:
        return await self._finish(PushStatus.FAILED, error=reason)

    async def _send(self, member: MemberDocument) -> PushStatus:
        earlier = self.notification.push.deliveries
        devices = [d for d in await self.repos.devices.list_for_member(member.id) if _still_to_do(earlier, d.id)]
        accepted_before = any(d.outcome is DeliveryOutcome.ACCEPTED for d in earlier.values())
        if not devices and accepted_before:
            return await self._finish(PushStatus.SENT)
        if not devices:
            return await self._finish(PushStatus.FAILED, error="no_devices")
        if not self.notification.urgent and not await self._reserve_place(member):
            zone = member_zone(member)
            return await self._defer(policies.next_morning(member.preferences, self.now, zone), reason="daily_cap")
        results = await self.pipeline.push.send([self._message(member, device) for device in devices])
        return await self._record(devices, results, accepted_before=accepted_before)

    async def _text(self, member: MemberDocument) -> PushStatus:
        """The SMS channel (domain/notifications/text_delivery.py): one text to the member's confirmed number."""
        texting, notification = self.pipeline.texting, self.notification
        if texting is None:
            return await self._finish(PushStatus.FAILED, error="texting_off")
        contact = await self.repos.text_contacts.get(member.id)
        body = sms_text_for(notification.kind, member.language)
        reason = why_not_texted(notification, contact) or (None if body is not None else "not_texted")
        if reason is not None and not member.joins_by_text:  # an app member who chose texts, with no number yet
            return await self._send(member)
        if reason is not None or contact is None or body is None:
            return await self._finish(PushStatus.SUPPRESSED, error=reason)
        earlier = notification.push.deliveries.get(PHONE)
        if earlier is not None and earlier.outcome is DeliveryOutcome.ACCEPTED:
            return await self._finish(PushStatus.SENT)
        owner = await budget_owner(self.repos, contact.group_id)
        plan = TextPlan(contact, texting.vault.open(contact.phone_sealed), body, owner, month_of(self.now))
        if (sid := await adopt_earlier(texting, plan, earlier)) is not None:
            adopted = DeviceDelivery(outcome=DeliveryOutcome.ACCEPTED, message_id=sid, at=self.now)
            tried = Tried(attempts=notification.push.attempts + 1, deliveries={PHONE: adopted})
            return await self._finish(PushStatus.SENT, tried=tried, sent=True)
        return await self._text_within_limits(member, texting, plan)

    async def _text_within_limits(self, member: MemberDocument, texting: Texting, plan: TextPlan) -> PushStatus:
        """Under the daily cap and the month's budget, written as in flight, then sent."""
        if not self.notification.urgent and not await self._reserve_place(member):
            morning = policies.next_morning(member.preferences, self.now, member_zone(member))
            return await self._defer(morning, reason="daily_cap")
        if not await take_budget(
            self.repos, self.pipeline.queue, texting, plan, group_id=plan.contact.group_id, now=self.now
        ):
            return await self._finish(PushStatus.FAILED, error="text_budget_spent")
        in_flight = DeviceDelivery(outcome=DeliveryOutcome.IN_FLIGHT, at=self.now)
        marked = await self.repos.notifications.mark_in_flight(
            self.notification, claim=self.claim, device=PHONE, delivery=in_flight
        )
        if not marked:
            await self.repos.text_budgets.give_back(plan.organisation_id, plan.month)
            return PushStatus.SENDING  # the claim lapsed: another run has it
        result = await send_planned(texting, plan, self.notification)
        return await self._record_text(plan, result)

    async def _record_text(self, plan: TextPlan, result: TextResult) -> PushStatus:
        if result.outcome is not TextOutcome.ACCEPTED:
            await self.repos.text_budgets.give_back(plan.organisation_id, plan.month)
        if result.outcome is TextOutcome.UNSUBSCRIBED:  # they texted STOP: Twilio refuses every text to them now
            await self.repos.text_contacts.set_status(plan.contact.id, TextStatus.STOPPED, now=self.now)
        tried = Tried(
            attempts=self.notification.push.attempts + 1, deliveries={PHONE: delivery_of(result, now=self.now)}
        )
        if result.outcome is TextOutcome.RETRY and tried.attempts < self.pipeline.settings.max_attempts:
            return await self._retry_later([PushResult(PHONE, SendOutcome.RETRY, result.code)], tried)
        if result.outcome is TextOutcome.ACCEPTED:
            return await self._finish(PushStatus.SENT, tried=tried, sent=True)
        return await self._finish(PushStatus.FAILED, error=result.code or result.outcome.value, tried=tried)

    async def _reserve_place(self, member: MemberDocument) -> bool:
        """One of the day's places under the daily cap, held by this notification (a retry keeps it)."""
        day = local_date(self.now, member_zone(member))
        return await self.repos.push_budgets.reserve(
            member_id=member.id,
            day=day.isoformat(),
            notification_id=self.notification.id,
            cap=member.preferences.daily_push_cap,
            expires_at=self.now + timedelta(days=3),
        )

    def _message(self, member: MemberDocument, device: DeviceDocument) -> PushMessage:
        text = text_for(self.notification.kind, member.language)
        return PushMessage(
            device_id=device.id,
            token=device.token,
            title=text.title,
            body=text.body,
            collapse_id=self.notification.id,
            data=push_data(self.notification.id, self.notification.kind, self.notification.params),
            urgent=self.notification.urgent,
            ttl_seconds=self.pipeline.settings.ttl_seconds,
        )

    async def _record(
        self, devices: list[DeviceDocument], results: list[PushResult], *, accepted_before: bool
    ) -> PushStatus:
        tried = Tried(
            attempts=self.notification.push.attempts + 1,
            deliveries={
                r.device_id: DeviceDelivery(
                    outcome=_SEND_OUTCOME[r.outcome], code=r.code, message_id=r.message_id, at=self.now
                )
                for r in results
            },
        )
        retries = [r for r in results if r.outcome is SendOutcome.RETRY]
        if retries and tried.attempts < self.pipeline.settings.max_attempts:
            status = await self._retry_later(retries, tried)
        elif accepted_before or any(r.outcome is SendOutcome.ACCEPTED for r in results):
            status = await self._finish(PushStatus.SENT, tried=tried, sent=True)
        else:
            status = await self._finish(PushStatus.FAILED, error=_first_error(results), tried=tried)
        bad = {r.device_id for r in results if r.outcome is SendOutcome.DEVICE_GONE}
        await self.repos.devices.delete_tokens([d for d in devices if d.id in bad])
        return status

    async def _retry_later(self, retries: list[PushResult], tried: Tried) -> PushStatus:
        settings = self.pipeline.settings
        retry_after = max((r.retry_after_seconds or 0.0 for r in retries), default=0.0)
        delay = policies.retry_delay(
            tried.attempts, retry_after, base=settings.retry_base_seconds, cap=settings.retry_max_seconds
        )
        status = await self._defer(self.now + timedelta(seconds=delay), reason=retries[0].code, tried=tried)
        if delay <= MAX_COUNTDOWN_SECONDS:
            payload = DeliverNotification(notification_id=self.notification.id, member_id=self.notification.member_id)
            await self.pipeline.queue.enqueue(DELIVER, payload, countdown=delay)
        return status

    async def _defer(self, until: datetime, *, reason: str | None, tried: Tried | None = None) -> PushStatus:
        return await self._write(PushOutcome(PushStatus.DEFERRED, not_before=until, last_error=reason), tried)

    async def _finish(
        self, status: PushStatus, *, error: str | None = None, tried: Tried | None = None, sent: bool = False
    ) -> PushStatus:
        outcome = PushOutcome(status, last_error=error, sent_at=self.now if sent else None)
        return await self._write(outcome, tried)

    async def _write(self, outcome: PushOutcome, tried: Tried | None) -> PushStatus:
        if tried is not None:
            outcome = replace(outcome, attempts=tried.attempts, deliveries=tried.deliveries)
        written = await self.repos.notifications.record_push_outcome(
            self.notification, claim=self.claim, outcome=outcome, now=self.now
        )
        if not written:
            logger.warning("notification %s: claim lapsed before its outcome was written", self.notification.id)
        return outcome.status


@dataclass(frozen=True)
class Tried:
    """A send that was tried: the attempt's number and each device's outcome."""

    attempts: int
    deliveries: dict[str, DeviceDelivery]


def _still_to_do(earlier: dict[str, DeviceDelivery], device_id: str) -> bool:
    previous = earlier.get(device_id)
    return previous is None or previous.outcome not in _DONE


def _first_error(results: list[PushResult]) -> str | None:
    return next((r.code for r in results if r.code is not None), None)
