"""Safety tasks: beat's tick that asks the follow-ups due 48 hours after high-risk signposting."""

from __future__ import annotations

from domain.crisis import ask_due_follow_ups
from schemas.tasks.crisis import FOLLOW_UPS
from workers.app import app
from workers.runtime import run


@app.task(name=FOLLOW_UPS)
def follow_ups() -> None:
    run(lambda rt: ask_due_follow_ups(repos=rt.repos, queue=rt.queue, now=rt.clock.now()))
