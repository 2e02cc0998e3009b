"""`data_exports`: a member's copy of their data (REG-5), built by a worker.

`active_key` is unique: the member's id while the export is pending or
running, so one at a time per member, and the export's own id once finished
(always written: FerretDB treats missing unique fields differently, F6). The
finished document is stored inline as JSON text (`payload`); it is read only
by its owner and deleted 7 days after it is ready.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from schemas.documents.base import Document

MAX_PAYLOAD_BYTES = 8 * 1024 * 1024  # well under MongoDB's 16 MiB document limit


class ExportStatus(StrEnum):
    PENDING = "pending"  # written, waiting for a worker
    RUNNING = "running"  # a worker is building it (again, after a crash: building is repeatable)
    READY = "ready"
    FAILED = "failed"


class DataExportDocument(Document):
    id: str = Field(alias="_id")
    member_id: str
    active_key: str = Field(description="Member id while pending or running (unique); the export id after.")
    status: ExportStatus = ExportStatus.PENDING
    requested_at: datetime
    started_at: datetime | None = None
    attempts: int = 0
    finished_at: datetime | None = None
    expires_at: datetime = Field(
        description="When the retention purge deletes it: 7 days (a setting) after it is ready."
    )
    payload: str | None = Field(default=None, description="The export as JSON text, once ready.")
    failure: str | None = Field(default=None, description="A code, never data.")
