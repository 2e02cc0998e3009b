"""Reports the leads leave untouched for 24 hours, and reports about risk at once, go to staff:
one alert per report, however often the tick runs; a real worker and beat do it on their own.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path
from typing import Any

from domain.moderation.escalation import escalate_due
from infra.mongo.client import Database
from infra.settings import Settings
from tests.factories.shares import ShareCast, act, content_group, shared
from tests.fixtures.app import GraphQLClient, RunningApi
from tests.fixtures.workers import celery_processes
from tests.workers.notifications.support import tail_logs


async def reported(gql: GraphQLClient, db: Database, share_cast: ShareCast, reason: str) -> dict[str, Any]:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id)
    result = await act(
        gql, "ReportCreate", share_cast.member.token, targetKind="SHARE", targetId=share["id"], reason=reason
    )
    stored = await db.reports.find_one({"_id": result["report"]["id"]})
    assert stored is not None
    return stored


async def test_an_untouched_report_reaches_staff_after_24_hours_once(
    gql: GraphQLClient, db: Database, api: RunningApi, share_cast: ShareCast
) -> None:
    report = await reported(gql, db, share_cast, "SPAM")
    created = report["created_at"]
    repos = api.runtime.repos

    await escalate_due(repos=repos, now=created + timedelta(hours=23, minutes=59))
    early = await db.reports.find_one({"_id": report["_id"]})
    for _ in range(2):  # a repeated tick changes nothing more
        await escalate_due(repos=repos, now=created + timedelta(hours=24))

    assert early is not None
    assert early["status"] == "open"
    escalated = await db.reports.find_one({"_id": report["_id"]})
    assert escalated is not None
    assert (escalated["status"], escalated["escalated_at"]) == ("escalated", created + timedelta(hours=24))
    [alert] = await db.safeguarding_alerts.find({"source_id": report["_id"]}).to_list(None)
    assert (alert["source_kind"], alert["level"], alert["member_id"], alert["status"]) == (
        "report", "concern", None, "open",
    )  # fmt: skip


async def test_a_report_a_moderator_acted_on_never_escalates(
    gql: GraphQLClient, db: Database, api: RunningApi, share_cast: ShareCast
) -> None:
    report = await reported(gql, db, share_cast, "SPAM")
    await act(
        gql, "ContentModerate", share_cast.lead.token, targetKind="SHARE", targetId=report["target_id"], action="HIDE",
        reason="Spam.",
    )  # fmt: skip

    await escalate_due(repos=api.runtime.repos, now=report["created_at"] + timedelta(days=2))

    assert await db.safeguarding_alerts.count_documents({"source_id": report["_id"]}) == 0


async def test_a_worker_and_beat_escalate_a_risk_report_within_seconds(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, settings: Settings, tmp_path: Path
) -> None:
    report = await reported(gql, db, share_cast, "SUICIDE_OR_SELF_HARM_RISK")

    with celery_processes(settings, tmp_path, beat=True, tick_seconds=1.0):
        for _ in range(120):
            alert = await db.safeguarding_alerts.find_one({"source_id": report["_id"]})
            if alert is not None:
                break
            await asyncio.sleep(0.5)

    assert alert is not None, tail_logs(tmp_path)
    assert alert["level"] == "high"
    escalated = await db.reports.find_one({"_id": report["_id"]})
    assert escalated is not None
    assert escalated["status"] == "escalated"
