"""Organisations tasks: beat's tick that pages whoever is on safeguarding call and climbs the rota."""

from __future__ import annotations

from domain.organisations import page_due
from schemas.tasks.organisations import PAGE_ON_CALL
from workers.app import app
from workers.runtime import run


@app.task(name=PAGE_ON_CALL)
def page_on_call() -> None:
    run(lambda rt: page_due(pager=rt.pager, now=rt.clock.now()))
