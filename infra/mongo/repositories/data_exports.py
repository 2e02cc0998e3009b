"""The `data_exports` collection."""

from __future__ import annotations

from datetime import datetime

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from infra.mongo.client import Database
from schemas.documents.data_exports import DataExportDocument, ExportStatus

_UNFINISHED = [ExportStatus.PENDING.value, ExportStatus.RUNNING.value]


class ExportAlreadyRunningError(Exception):
    """The member has an export pending or running (unique `active_key`)."""


class DataExportsRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["data_exports"]

    async def insert(self, export: DataExportDocument) -> None:
        try:
            await self._collection.insert_one(export.to_mongo())
        except DuplicateKeyError as error:
            raise ExportAlreadyRunningError(export.member_id) from error

    async def get_for_member(self, export_id: str, member_id: str) -> DataExportDocument | None:
        """Only the owner's: another member's id finds nothing, like a random one."""
        raw = await self._collection.find_one({"_id": export_id, "member_id": member_id})
        return DataExportDocument.from_mongo(raw) if raw else None

    async def start(self, export_id: str, *, now: datetime) -> DataExportDocument | None:
        """Mark it running (again, after a crash); None once finished or gone. Two workers may
        both start it (FerretDB's findAndModify is not atomic): building is repeatable, and
        `finish` writes only over an unfinished export, so the result is the same.
        """
        raw = await self._collection.find_one_and_update(
            {"_id": export_id, "status": {"$in": _UNFINISHED}},
            {"$set": {"status": ExportStatus.RUNNING.value, "started_at": now}, "$inc": {"attempts": 1}},
            return_document=ReturnDocument.AFTER,
        )
        return DataExportDocument.from_mongo(raw) if raw else None

    async def finish(
        self, export_id: str, *, status: ExportStatus, payload: str | None, failure: str | None,
        now: datetime, expires_at: datetime,
    ) -> None:  # fmt: skip
        """One write: the payload, the state, and `active_key` freed for the member's next export."""
        await self._collection.update_one(
            {"_id": export_id, "status": {"$in": _UNFINISHED}},
            {"$set": {
                "status": status.value, "payload": payload, "failure": failure, "finished_at": now,
                "expires_at": expires_at, "active_key": export_id,
            }},
        )  # fmt: skip

    async def unfinished_before(self, before: datetime, *, limit: int) -> list[str]:
        """Exports requested before `before` and still not finished: their task was lost or died."""
        cursor = self._collection.find(
            {"status": {"$in": _UNFINISHED}, "requested_at": {"$lt": before}}, {"_id": 1}
        ).limit(limit)
        return [raw["_id"] async for raw in cursor]
