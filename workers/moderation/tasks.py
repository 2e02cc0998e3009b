"""Moderation tasks: beat's escalation of reports the leads have not touched."""

from __future__ import annotations

from domain.moderation import escalate_due
from schemas.tasks.moderation import ESCALATE
from workers.app import app
from workers.runtime import run


@app.task(name=ESCALATE)
def escalate() -> None:
    run(lambda rt: escalate_due(repos=rt.repos, now=rt.clock.now()))
