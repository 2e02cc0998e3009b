"""Outreach tasks: beat's follow-through tick over threads whose member waits for a reply.

It reads only threads whose nudge or alert is due, through indexed `*_at` fields, and is
idempotent (dedupe keys per wait, one open alert per thread), so a duplicate or late tick does
nothing twice.
"""

from __future__ import annotations

from domain.outreach import follow_through
from schemas.tasks.outreach import FOLLOW_THROUGH
from workers.app import app
from workers.runtime import run


@app.task(name=FOLLOW_THROUGH)
def thread_follow_through() -> None:
    run(lambda rt: follow_through(repos=rt.repos, queue=rt.queue, now=rt.clock.now()))
