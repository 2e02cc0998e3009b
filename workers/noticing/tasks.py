"""Noticing tasks: beat's ticks for difficult dates, groups without an active lead, members
who have gone quiet and the leads' daily digest.

Each reads only what is due through an indexed `*_at` field, and is idempotent
(unique keys and conditional moves), so a duplicate or late tick does nothing twice.
"""

from __future__ import annotations

from domain.groups import watch_leads
from domain.noticing import scan_quiet, send_digests, send_due_difficult_dates
from schemas.tasks.noticing import DIFFICULT_DATES, LEAD_DIGESTS, LEAD_WATCH, QUIET_SCAN
from workers.app import app
from workers.runtime import run


@app.task(name=DIFFICULT_DATES)
def difficult_dates() -> None:
    run(lambda rt: send_due_difficult_dates(repos=rt.repos, queue=rt.queue, now=rt.clock.now()))


@app.task(name=LEAD_WATCH)
def lead_watch() -> None:
    run(lambda rt: watch_leads(repos=rt.repos, now=rt.clock.now()))


@app.task(name=QUIET_SCAN)
def quiet_scan() -> None:
    run(lambda rt: scan_quiet(repos=rt.repos, queue=rt.queue, now=rt.clock.now()))


@app.task(name=LEAD_DIGESTS)
def lead_digests() -> None:
    run(lambda rt: send_digests(repos=rt.repos, queue=rt.queue, now=rt.clock.now()))
