"""Reports the leads have not touched go to trained staff: at once when about risk, else after 24 hours.

Beat's tick runs this. Each due report raises one safeguarding alert (unique
per report, so a repeat does nothing) and is then marked escalated; a tick
that dies between the two is finished by the next. The alert holds no member
id: staff open the report (reporter included, for staff only) from it.
"""

from __future__ import annotations

import logging
from datetime import datetime

from domain.moderation.policies import RISK_REASONS
from infra.mongo.repositories.registry import Repositories
from schemas.documents.base import new_id
from schemas.documents.reports import ReportDocument
from schemas.documents.safeguarding_alerts import AlertSourceKind, RiskLevel, SafeguardingAlertDocument

logger = logging.getLogger(__name__)

BATCH = 200
MAX_BATCHES = 20  # bounds one tick; what is left waits for the next


async def escalate_due(*, repos: Repositories, now: datetime) -> int:
    """Escalate every report whose time with the leads is up; how many were escalated."""
    escalated = 0
    for _ in range(MAX_BATCHES):
        due = await repos.reports.due_for_escalation(now=now, limit=BATCH)
        for report in due:
            await repos.safeguarding_alerts.insert_if_new(_alert(report, now))
            escalated += await repos.reports.mark_escalated(report.id, now=now)
        if len(due) < BATCH:
            break
    if escalated:
        logger.info("reports escalated to staff", extra={"count": escalated})
    return escalated


def _alert(report: ReportDocument, now: datetime) -> SafeguardingAlertDocument:
    level = RiskLevel.HIGH if report.reason in RISK_REASONS else RiskLevel.CONCERN
    return SafeguardingAlertDocument(
        id=new_id(), source_key=f"{AlertSourceKind.REPORT.value}:{report.id}", source_kind=AlertSourceKind.REPORT,
        source_id=report.id, member_id=None, group_id=report.group_id, level=level, categories=(), lexicon_version=0,
        created_at=now, updated_at=now, page_due_at=now,
    )  # fmt: skip
