"""System tasks: beat's tick, whose recorded run tells /readyz the workers are alive."""

from __future__ import annotations

from domain.system import record_tick
from schemas.tasks.system import TICK
from workers.app import app
from workers.runtime import run


@app.task(name=TICK)
def tick() -> None:
    run(lambda rt: record_tick(repos=rt.repos, now=rt.clock.now(), hostname=rt.hostname))
