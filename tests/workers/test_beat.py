"""Beat's schedule: ticks that claim work expire within their interval, so they cannot pile up
behind a slow worker; the heartbeat does not, so a busy worker is never reported stale.
"""

from __future__ import annotations

from infra.settings import WorkerSettings
from schemas.tasks.system import TICK
from workers.beat import beat_schedule


def test_work_ticks_expire_within_their_interval_and_the_heartbeat_only_when_it_would_be_stale() -> None:
    schedule = beat_schedule(WorkerSettings(tick_seconds=60.0, stale_after_seconds=180))

    expiries = {entry["task"]: entry["options"]["expires"] for entry in schedule.values() if entry["schedule"] == 60.0}

    assert expiries.pop(TICK) == 180
    assert len(expiries) == 12
    assert set(expiries.values()) == {59.0}


def test_by_default_the_heartbeat_is_stale_a_quarter_interval_after_its_tick_was_due() -> None:
    # A worker that stopped consuming shows on /readyz within one tick interval (and a quarter of slack).
    assert WorkerSettings(tick_seconds=60.0).stale_after == 75.0
    assert beat_schedule(WorkerSettings(tick_seconds=60.0))["system-tick"]["options"] == {"expires": 75.0}


def test_a_one_second_tick_still_gives_each_task_a_second() -> None:
    schedule = beat_schedule(WorkerSettings(tick_seconds=1.0, stale_after_seconds=5))

    assert schedule["system-tick"]["options"] == {"expires": 5}
    assert schedule["notifications-sweep"]["options"] == {"expires": 1}
