"""Noticing tasks: beat's ticks for difficult dates and for groups without an active lead.

Each reads only what is due through an indexed `*_at` field, and is idempotent
(unique keys and conditional moves), so a duplicate or late tick does nothing twice.
"""

from __future__ import annotations

from domain.groups.lead_watch import watch_leads
from domain.noticing.difficult_date_sends import send_due_difficult_dates
from schemas.tasks.noticing import DIFFICULT_DATES, LEAD_WATCH
from workers.app import app
from workers.runtime import run


@app.task(name=DIFFICULT_DATES)
def difficult_dates() -> None:
    run(lambda rt: send_due_difficult_dates(repos=rt.repos, queue=rt.queue, now=rt.clock.now()))


@app.task(name=LEAD_WATCH)
def lead_watch() -> None:
    run(lambda rt: watch_leads(repos=rt.repos, now=rt.clock.now()))
