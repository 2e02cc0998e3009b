"""Beat's schedule: only ticks. Each tick claims due work from MongoDB, so a
duplicate or late tick does nothing twice, and nothing waits in the broker.
"""

from __future__ import annotations

from typing import Any

from celery.schedules import crontab

from infra.settings import WorkerSettings
from schemas.tasks.accounts import RETENTION
from schemas.tasks.accounts import TICK as ACCOUNTS_TICK
from schemas.tasks.checkins import REMIND_DUE
from schemas.tasks.crisis import FOLLOW_UPS
from schemas.tasks.moderation import ESCALATE
from schemas.tasks.noticing import DIFFICULT_DATES, LEAD_DIGESTS, LEAD_WATCH, QUIET_SCAN
from schemas.tasks.notifications import SWEEP
from schemas.tasks.organisations import IMPORT_LOCAL_SERVICES, PAGE_ON_CALL
from schemas.tasks.outreach import FOLLOW_THROUGH
from schemas.tasks.sessions import TICK as SESSIONS_TICK
from schemas.tasks.system import TICK


def beat_schedule(settings: WorkerSettings) -> dict[str, dict[str, Any]]:
    # A tick that waited past the next one is useless: expire it (C9), so ticks cannot pile up
    # behind a slow worker. Not the heartbeat: it is cheap, and on a busy machine an expired
    # heartbeat would make /readyz call a working worker stale.
    every = settings.tick_seconds
    options = {"expires": max(every - 1, 1)}
    return {
        "system-tick": {"task": TICK, "schedule": every, "options": {"expires": settings.stale_after}},
        "notifications-sweep": {"task": SWEEP, "schedule": every, "options": options},
        "checkins-reminders": {"task": REMIND_DUE, "schedule": every, "options": options},
        "moderation-escalate": {"task": ESCALATE, "schedule": every, "options": options},
        "noticing-difficult-dates": {"task": DIFFICULT_DATES, "schedule": every, "options": options},
        "noticing-lead-watch": {"task": LEAD_WATCH, "schedule": every, "options": options},
        "noticing-quiet-scan": {"task": QUIET_SCAN, "schedule": every, "options": options},
        "noticing-lead-digests": {"task": LEAD_DIGESTS, "schedule": every, "options": options},
        "safety-follow-ups": {"task": FOLLOW_UPS, "schedule": every, "options": options},
        "outreach-follow-through": {"task": FOLLOW_THROUGH, "schedule": every, "options": options},
        # Every tick: a high-risk page has 15 minutes, so a late tick costs the person at risk.
        "organisations-page-on-call": {"task": PAGE_ON_CALL, "schedule": every, "options": options},
        "sessions-tick": {"task": SESSIONS_TICK, "schedule": every, "options": options},
        "accounts-tick": {"task": ACCOUNTS_TICK, "schedule": every, "options": options},
        # Daily, at a quiet hour; a missed day is caught up by the next (each run deletes all that is due).
        # Nightly: the feeds change slowly, and an admin can import by hand at any time.
        "organisations-local-services": {
            "task": IMPORT_LOCAL_SERVICES,
            "schedule": crontab(hour=4, minute=23),
            "options": {"expires": 3600},
        },
        "accounts-retention": {"task": RETENTION, "schedule": crontab(hour=3, minute=17), "options": {"expires": 3600}},
    }
