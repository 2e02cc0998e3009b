"""The daily retention purge (REG-4): what has been kept long enough is deleted.

Periods are settings: notifications 90 days after they were made, closed
reports and resolved alerts a year after they were closed, closed conversations
(with their messages) a year after they ended, exports 7 days after they were ready.
Idempotent: a second run the same day finds nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from infra.mongo.repositories.registry import Repositories
from infra.settings import RetentionSettings

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetentionOutcome:
    notifications: int
    reports: int
    safeguarding_alerts: int
    staff_alerts: int
    exports: int
    threads: int


async def purge_expired(*, repos: Repositories, settings: RetentionSettings, now: datetime) -> RetentionOutcome:
    """Delete, in batches through indexes, everything past its retention period."""
    store, batch = repos.retention, settings.batch_size
    resolved = now - timedelta(days=settings.resolved_alert_days)
    outcome = RetentionOutcome(
        notifications=await store.notifications_before(now - timedelta(days=settings.notification_days), batch=batch),
        reports=await store.closed_reports_before(now - timedelta(days=settings.resolved_report_days), batch=batch),
        safeguarding_alerts=await store.resolved_alerts_before(resolved, batch=batch),
        staff_alerts=await store.resolved_staff_alerts_before(resolved, batch=batch),
        exports=await store.exports_expired(now, batch=batch),
        threads=await store.closed_threads_before(now - timedelta(days=settings.closed_thread_days), batch=batch),
    )
    logger.info("retention purge", extra=outcome.__dict__)
    return outcome
