"""Reporting a message: it goes to safeguarding staff, never to the group's leads (who may be what
is reported). One report per person and message; the first report of a message raises one
safeguarding alert, which also opens the thread to staff. The other side is not told.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.errors import NotPermittedError
from domain.outreach.errors import OutreachError, OutreachErrorCode
from domain.outreach.policies import RISK_REASONS, Participant
from domain.outreach.reading import message_in_view
from domain.outreach.validation import NOTE_MAX, clean_text, text_issues
from infra.mongo.repositories.message_reports import MessageReportExistsError
from infra.mongo.repositories.registry import Repositories
from schemas.documents.base import new_id
from schemas.documents.message_reports import MessageReportDocument
from schemas.documents.reports import ReportReason
from schemas.documents.safeguarding_alerts import AlertSourceKind, RiskLevel, SafeguardingAlertDocument
from schemas.documents.threads import ThreadDocument, ThreadSide


@dataclass(frozen=True)
class MessageReportDraft:
    message_id: str
    reason: ReportReason
    note: str = ""


async def report_message(
    *, repos: Repositories, participant: Participant, draft: MessageReportDraft, now: datetime
) -> MessageReportDocument:
    """Report a message someone else wrote in one of the participant's threads, to staff."""
    view, message = await message_in_view(repos=repos, participant=participant, message_id=draft.message_id)
    if view.side is ThreadSide.STAFF:
        raise NotPermittedError("Staff act on a conversation from the alert queue, not by reporting it.")
    if message.author_id == participant.id:
        raise OutreachError(OutreachErrorCode.OWN_MESSAGE, "You can't report your own message; delete it instead.")
    note = clean_text(draft.note)
    codes = (OutreachErrorCode.NOTE_LENGTH, OutreachErrorCode.NOTE_CHARACTERS)
    if issues := text_issues("note", note, limit=NOTE_MAX, codes=codes, required=False):
        raise OutreachError.from_issues(issues)
    report = MessageReportDocument(
        id=new_id(), message_id=message.id, thread_id=view.thread.id, reporter_member_id=participant.id,
        reason=draft.reason, note=note, created_at=now,
    )  # fmt: skip
    try:
        await repos.message_reports.insert(report)
    except MessageReportExistsError:
        raise OutreachError(OutreachErrorCode.ALREADY_REPORTED, "You reported this already. Thank you.") from None
    await repos.safeguarding_alerts.insert_if_new(_alert(view.thread, message.id, draft.reason, now))
    await repos.threads.flag(view.thread.id)
    return report


def _alert(thread: ThreadDocument, message_id: str, reason: ReportReason, now: datetime) -> SafeguardingAlertDocument:
    """One alert per reported message, for the thread's member: the person staff would reach."""
    level = RiskLevel.HIGH if reason in RISK_REASONS else RiskLevel.CONCERN
    return SafeguardingAlertDocument(
        id=new_id(), source_key=f"{AlertSourceKind.MESSAGE_REPORT.value}:{message_id}",
        source_kind=AlertSourceKind.MESSAGE_REPORT, source_id=message_id, member_id=thread.member_id, level=level,
        group_id=thread.group_id, categories=(), lexicon_version=0, created_at=now, updated_at=now, page_due_at=now,
    )  # fmt: skip
