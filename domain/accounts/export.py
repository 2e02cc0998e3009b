"""A member's data export (REG-5): requested in the API, built by a worker, read by its owner.

The document is built from scratch on every attempt and written in one
update with its state, so a worker killed mid-way leaves it unfinished and
the next attempt (the task redelivered, or the tick's pick-up) starts clean.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from domain.accounts.errors import AccountError, AccountErrorCode
from domain.accounts.export_document import gather
from domain.shares import AnonymityKey
from infra.mongo.repositories.data_exports import ExportAlreadyRunningError
from infra.mongo.repositories.registry import Repositories
from infra.phones import PhoneVault
from infra.queue import TaskQueue
from schemas.documents.base import new_id
from schemas.documents.data_exports import MAX_PAYLOAD_BYTES, DataExportDocument, ExportStatus
from schemas.documents.members import MemberDocument
from schemas.tasks.accounts import BUILD_EXPORT, BuildExport

logger = logging.getLogger(__name__)
# An export the worker has not finished this long after it was asked for lost its task or its worker.
STALE_AFTER = timedelta(minutes=5)
_PICK_UP = 20


class ExportState(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    READY = "ready"
    FAILED = "failed"
    EXPIRED = "expired"


@dataclass(frozen=True)
class ExportView:
    export: DataExportDocument
    state: ExportState

    @property
    def document(self) -> Any:
        """The export's JSON, only while it is ready."""
        if self.state is not ExportState.READY or self.export.payload is None:
            return None
        return json.loads(self.export.payload)


async def request_export(
    *, repos: Repositories, queue: TaskQueue, member: MemberDocument, keep: timedelta, now: datetime
) -> DataExportDocument:
    """Write the export, then enqueue its build; one pending or running per member."""
    export = DataExportDocument(
        id=new_id(), member_id=member.id, active_key=member.id, requested_at=now, expires_at=now + keep
    )
    try:
        await repos.data_exports.insert(export)
    except ExportAlreadyRunningError:
        message = "Your last export is still being made. It will be ready in a few minutes."
        raise AccountError(AccountErrorCode.EXPORT_ALREADY_RUNNING, message) from None
    await queue.enqueue(BUILD_EXPORT, BuildExport(export_id=export.id))  # lost? the tick picks it up
    return export


async def view_export(
    *, repos: Repositories, member: MemberDocument, export_id: str, now: datetime
) -> ExportView | None:
    """The member's own export and its state; None for anyone else's, like a random id."""
    export = await repos.data_exports.get_for_member(export_id, member.id)
    if export is None:
        return None
    state = ExportState(export.status.value)
    if state is ExportState.READY and export.expires_at <= now:
        state = ExportState.EXPIRED
    return ExportView(export, state)


async def build_export(
    *,
    repos: Repositories,
    key: AnonymityKey,
    export_id: str,
    keep: timedelta,
    now: datetime,
    vault: PhoneVault | None = None,
) -> ExportStatus | None:
    """Build one export from scratch; None when it is already finished (or gone)."""
    export = await repos.data_exports.start(export_id, now=now)
    if export is None:
        return None
    status, payload, failure = await _built(repos, key, export.member_id, now, vault)
    await repos.data_exports.finish(
        export.id, status=status, payload=payload, failure=failure, now=now, expires_at=now + keep
    )
    logger.info("data export finished", extra={"export_id": export.id, "status": status.value, "failure": failure})
    return status


async def _built(
    repos: Repositories, key: AnonymityKey, member_id: str, now: datetime, vault: PhoneVault | None
) -> tuple[ExportStatus, str | None, str | None]:
    """The status, the JSON text when ready, and a failure code otherwise."""
    members = await repos.members.get_many([member_id])
    if not members:
        return ExportStatus.FAILED, None, "member_gone"
    payload = json.dumps(
        await gather(repos=repos, key=key, member=members[0], now=now, vault=vault), ensure_ascii=False
    )
    if len(payload.encode()) > MAX_PAYLOAD_BYTES:
        return ExportStatus.FAILED, None, "too_large"
    return ExportStatus.READY, payload, None


async def build_stale_exports(
    *, repos: Repositories, key: AnonymityKey, keep: timedelta, now: datetime, vault: PhoneVault | None = None
) -> int:
    """Build exports whose task was lost or whose worker died (the tick's safety net)."""
    stale = await repos.data_exports.unfinished_before(now - STALE_AFTER, limit=_PICK_UP)
    for export_id in stale:
        await build_export(repos=repos, key=key, export_id=export_id, keep=keep, now=now, vault=vault)
    return len(stale)
