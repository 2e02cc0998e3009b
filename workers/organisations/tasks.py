"""Organisations tasks: beat's tick that pages whoever is on safeguarding call and climbs the rota, and
the nightly import of each organisation's local services from its Open Referral UK feed.
"""

from __future__ import annotations

import logging

import httpx

from domain.organisations import FEED_TIMEOUT, import_every_feed, page_due
from schemas.tasks.organisations import IMPORT_LOCAL_SERVICES, PAGE_ON_CALL
from workers.app import app
from workers.runtime import WorkerRuntime, run

logger = logging.getLogger(__name__)


@app.task(name=PAGE_ON_CALL)
def page_on_call() -> None:
    run(lambda rt: page_due(pager=rt.pager, now=rt.clock.now()))


async def _import_feeds(rt: WorkerRuntime) -> None:
    async with httpx.AsyncClient(timeout=FEED_TIMEOUT, follow_redirects=False) as client:
        summaries = await import_every_feed(repos=rt.repos, client=client, now=rt.clock.now())
    for organisation_id, summary in summaries.items():
        # What was skipped is for the organisation's admin (they see it when importing by hand too).
        logger.info(
            "local services imported",
            extra={
                "organisation_id": organisation_id, "imported": summary.imported, "removed": summary.removed,
                "skipped": [f"page {s.page}: {s.reason}" for s in summary.skipped],
            },
        )  # fmt: skip


@app.task(name=IMPORT_LOCAL_SERVICES)
def import_local_services() -> None:
    """Idempotent: importing twice leaves the same services, so a retried or duplicate run is harmless."""
    run(_import_feeds)
