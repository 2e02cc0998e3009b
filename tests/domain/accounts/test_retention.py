"""The daily retention purge: notifications after 90 days, closed reports and resolved alerts
after a year, closed conversations (with their messages and reports) a year after they ended,
exports after their 7 days; in batches, idempotent, and nothing younger touched.
A database of its own: the purge reads everything that is due.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from domain.accounts.retention import RetentionOutcome, purge_expired
from infra.settings import Settings
from tests.factories.frozen import FrozenApi, frozen_api

NOW = datetime(2027, 6, 1, 3, 17, tzinfo=UTC)
DAY = timedelta(days=1)


@pytest.fixture
async def api(settings: Settings) -> AsyncIterator[FrozenApi]:
    async with frozen_api(settings, NOW, isolated=True) as frozen:
        yield frozen


async def seed(api: FrozenApi) -> None:
    """Either side of each limit: ids say which should go."""
    db = api.db
    await db.notifications.insert_many([
        {"_id": f"{name}-notification-{i}", "member_id": "m", "dedupe_key": f"{name}-{i}", "created_at": at}
        for i, (name, at) in enumerate([("old", NOW - 91 * DAY), ("old", NOW - 400 * DAY), ("keep", NOW - 89 * DAY)])
    ])  # fmt: skip
    await db.reports.insert_many([
        # Each with its own (target, reporter): the unique index refuses two without them, as MongoDB does.
        {"_id": "old-report", "target_id": "t1", "reporter_member_id": "r", "status": "closed",
         "closed_at": NOW - 366 * DAY},
        {"_id": "keep-report-recent", "target_id": "t2", "reporter_member_id": "r", "status": "closed",
         "closed_at": NOW - 364 * DAY},
        {"_id": "keep-report-open", "target_id": "t3", "reporter_member_id": "r", "status": "open", "closed_at": None,
         "created_at": NOW - 800 * DAY},
    ])  # fmt: skip
    await db.safeguarding_alerts.insert_many([
        {"_id": "old-alert", "source_key": "a", "status": "resolved", "resolved_at": NOW - 366 * DAY},
        {"_id": "keep-alert-open", "source_key": "b", "status": "open", "resolved_at": None},
        {"_id": "keep-alert-recent", "source_key": "c", "status": "resolved", "resolved_at": NOW - 10 * DAY},
    ])  # fmt: skip
    await db.staff_alerts.insert_many([
        {"_id": "old-staff-alert", "open_key": "x:1", "status": "resolved", "resolved_at": NOW - 366 * DAY},
        {"_id": "keep-staff-alert", "open_key": "x:2", "status": "open", "resolved_at": None},
    ])  # fmt: skip
    await db.data_exports.insert_many([
        {"_id": "old-export", "active_key": "old-export", "status": "ready", "expires_at": NOW - DAY},
        {"_id": "keep-export-ready", "active_key": "k1", "status": "ready", "expires_at": NOW + DAY},
        {"_id": "keep-export-running", "active_key": "k2", "status": "running", "expires_at": NOW - DAY},
    ])  # fmt: skip
    await db.threads.insert_many([
        {"_id": f"{name}-thread", "open_key": key, "status": status, "closed_at": at}
        for name, key, status, at in [("old", "closed:1", "closed", NOW - 366 * DAY),
                                      ("keep-recent", "closed:2", "closed", NOW - 364 * DAY),
                                      ("keep-open", "group:g:m", "open", None)]
    ])  # fmt: skip
    await db.messages.insert_many([
        {"_id": f"{thread}-message-{i}", "thread_id": f"{thread}-thread", "client_key": f"k{i}"}
        for thread in ("old", "keep-recent", "keep-open") for i in range(2)
    ])  # fmt: skip
    await db.message_reports.insert_many([
        {"_id": f"{thread}-report", "thread_id": f"{thread}-thread", "message_id": f"{thread}-message-0",
         "reporter_member_id": "r"}
        for thread in ("old", "keep-open")
    ])  # fmt: skip


async def remaining(api: FrozenApi) -> dict[str, list[Any]]:
    names = ["notifications", "reports", "safeguarding_alerts", "staff_alerts", "data_exports", "threads", "messages",
             "message_reports"]  # fmt: skip
    return {name: sorted(raw["_id"] for raw in await api.db[name].find({}, {"_id": 1}).to_list(None)) for name in names}


async def test_what_has_been_kept_long_enough_goes_and_nothing_else(api: FrozenApi, settings: Settings) -> None:
    # Given documents either side of every limit
    await seed(api)

    # When the daily purge runs, in batches of 1, twice
    small = settings.retention.model_copy(update={"batch_size": 1})
    first = await purge_expired(repos=api.runtime.repos, settings=small, now=NOW)
    second = await purge_expired(repos=api.runtime.repos, settings=small, now=NOW)

    # Then exactly the old ones are gone, and the second run found nothing
    assert first == RetentionOutcome(
        notifications=2, reports=1, safeguarding_alerts=1, staff_alerts=1, exports=1, threads=1
    )
    assert second == RetentionOutcome(
        notifications=0, reports=0, safeguarding_alerts=0, staff_alerts=0, exports=0, threads=0
    )
    assert await remaining(api) == {
        "notifications": ["keep-notification-2"],
        "reports": ["keep-report-open", "keep-report-recent"],
        "safeguarding_alerts": ["keep-alert-open", "keep-alert-recent"],
        "staff_alerts": ["keep-staff-alert"],
        "data_exports": ["keep-export-ready", "keep-export-running"],
        "threads": ["keep-open-thread", "keep-recent-thread"],
        "messages": ["keep-open-message-0", "keep-open-message-1", "keep-recent-message-0",
                     "keep-recent-message-1"],
        "message_reports": ["keep-open-report"],
    }  # fmt: skip


async def test_the_periods_are_settings(api: FrozenApi, settings: Settings) -> None:
    # Given notifications of 89 days and closed reports of 364 days
    await seed(api)
    shorter = settings.retention.model_copy(update={"notification_days": 30, "resolved_report_days": 100})

    # When the purge runs with shorter periods
    outcome = await purge_expired(repos=api.runtime.repos, settings=shorter, now=NOW)

    # Then those go too
    assert (outcome.notifications, outcome.reports) == (3, 2)
