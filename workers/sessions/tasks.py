"""Sessions tasks: beat's tick sends the reminders that are due (24 and 2 hours before, to those
going) and looks at who stopped coming once a session's register is in. It reads only due sessions
through indexed `*_at` fields and is idempotent (dedupe keys per session, start and member), so a
duplicate or late tick does nothing twice.
"""

from __future__ import annotations

from domain.sessions import sessions_tick
from schemas.tasks.sessions import TICK
from workers.app import app
from workers.runtime import run


@app.task(name=TICK)
def tick() -> None:
    run(lambda rt: sessions_tick(repos=rt.repos, queue=rt.queue, now=rt.clock.now()))
