"""Types of the accounts context."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry
from strawberry.scalars import JSON

from domain.accounts import ExportState, ExportView


@strawberry.enum(description="Where a data export is.")
class DataExportState(Enum):
    PENDING = ExportState.PENDING.value
    RUNNING = ExportState.RUNNING.value
    READY = ExportState.READY.value
    FAILED = ExportState.FAILED.value
    EXPIRED = ExportState.EXPIRED.value


@strawberry.type(description="A copy of everything the service holds about the member, made for them alone.")
class DataExport:
    id: strawberry.ID = strawberry.field(description="The export's id.")
    state: DataExportState = strawberry.field(description="Pending, running, ready, failed or expired.")
    requested_at: datetime = strawberry.field(description="When the member asked for it.")
    finished_at: datetime | None = strawberry.field(description="When it was ready (or failed).")
    expires_at: datetime | None = strawberry.field(description="Until when it can be downloaded, once ready.")
    document: JSON | None = strawberry.field(
        description="The export itself, as one JSON document, while it is ready; null otherwise."
    )

    @classmethod
    def from_view(cls, view: ExportView) -> DataExport:
        export = view.export
        finished = export.finished_at is not None
        return cls(
            id=strawberry.ID(export.id), state=DataExportState(view.state.value), requested_at=export.requested_at,
            finished_at=export.finished_at, expires_at=export.expires_at if finished else None,
            document=view.document,
        )  # fmt: skip
