"""A real worker (prefork, two children) and beat, sending to the fake FCM, for this folder's tests."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from infra.settings import Settings
from tests.fixtures.fcm import FakeFcm
from tests.fixtures.workers import celery_processes, wait_until_ready

# Short waits so tests take seconds: the production defaults are in infra/settings.py.
PUSH_ENV = {
    "PUSH_RETRY_BASE_SECONDS": "0.5",
    "PUSH_PENDING_GRACE_SECONDS": "2",
    "PUSH_MAX_ATTEMPTS": "3",
    "WORKER_TASK_TIME_LIMIT_SECONDS": "30",
}


@dataclass(frozen=True)
class PushWorkers:
    processes: list[subprocess.Popen[bytes]]
    logs: Path


@pytest.fixture(scope="module")
def push_workers(
    settings: Settings, fake_fcm: FakeFcm, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[PushWorkers]:
    logs = tmp_path_factory.mktemp("push-workers")
    with celery_processes(
        settings, logs, beat=True, tick_seconds=1.0, concurrency=2, **fake_fcm.env(), **PUSH_ENV
    ) as processes:
        wait_until_ready(logs)  # the start-up is the fixture\'s time, not the first test\'s
        yield PushWorkers(processes, logs)
