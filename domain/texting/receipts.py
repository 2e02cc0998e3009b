"""Delivery receipts: Twilio's status callbacks for the texts the outbox sent."""

from __future__ import annotations

from datetime import datetime

from infra.mongo.repositories.registry import Repositories
from infra.sms import UNSUBSCRIBED
from schemas.documents.notifications import PHONE
from schemas.documents.text_contacts import TextStatus

FINAL = frozenset({"delivered", "undelivered", "failed", "read"})


async def record_receipt(
    *,
    repos: Repositories,
    outbox_id: str,
    member_id: str | None,
    sid: str,
    status: str,
    error_code: str | None,
    now: datetime,
) -> bool:
    """Record the text's latest state on its outbox entry (only for the message it sent); a number that
    opted out meanwhile (21610) stops getting texts. False when the receipt names nothing of ours.
    """
    written = await repos.notifications.record_receipt(
        outbox_id, member_id=member_id, device=PHONE, sid=sid, status=status
    )
    if written and member_id is not None and error_code == str(UNSUBSCRIBED):
        await repos.text_contacts.set_status(member_id, TextStatus.STOPPED, now=now)
    return written
