"""Waiting for workers, and reading what they did."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import os
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from infra.mongo.client import Database
from schemas.documents.notifications import TERMINAL_STATUSES

T = TypeVar("T")


async def eventually(
    check: Callable[[], Awaitable[T | None] | T | None], *, within: float = 60.0, logs: Path | None = None
) -> T:
    """Poll `check` (sync or async) until it returns something truthy; fail with the workers' logs after `within` s."""
    deadline = time.monotonic() + within
    while True:
        value = check()
        if inspect.isawaitable(value):
            value = await value
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {within}s\n{tail_logs(logs) if logs else ''}")
        await asyncio.sleep(0.2)


async def notification(db: Database, notification_id: str) -> dict[str, Any]:
    raw = await db.notifications.find_one({"_id": notification_id})
    assert raw is not None
    return raw


async def in_status(db: Database, notification_id: str, *statuses: str) -> dict[str, Any] | None:
    raw = await notification(db, notification_id)
    return raw if raw["push"]["status"] in statuses else None


async def terminal(db: Database, notification_id: str) -> dict[str, Any] | None:
    return await in_status(db, notification_id, *TERMINAL_STATUSES)


def tail_logs(folder: Path) -> str:
    return "\n".join(path.read_text(errors="replace")[-4000:] for path in sorted(folder.glob("celery-*.log")))


def children_of(pid: int) -> list[int]:
    """Direct child processes (the prefork pool's children of a worker)."""
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name is in parentheses and may hold spaces: the parent pid follows it.
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == pid:
            children.append(int(entry.name))
    return children


def kill(pids: list[int], signal: int) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal)
