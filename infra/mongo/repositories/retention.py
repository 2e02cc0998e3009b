"""Deleting what has been kept long enough (REG-4), a batch at a time through an index.

No TTL indexes (FerretDB, DESIGN §2): beat's daily purge calls these. Each
batch reads ids through the index, then deletes those ids; deleting is
idempotent, so an overlapping or repeated run does nothing twice.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from infra.mongo.client import Database
from schemas.documents.data_exports import ExportStatus
from schemas.documents.reports import ReportStatus
from schemas.documents.safeguarding_alerts import AlertStatus
from schemas.documents.staff_alerts import StaffAlertStatus
from schemas.documents.threads import ThreadStatus


class RetentionRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def notifications_before(self, cutoff: datetime, *, batch: int) -> int:
        return await self._purge("notifications", {"created_at": {"$lt": cutoff}}, batch)

    async def closed_reports_before(self, cutoff: datetime, *, batch: int) -> int:
        query = {"status": ReportStatus.CLOSED.value, "closed_at": {"$lt": cutoff}}
        return await self._purge("reports", query, batch)

    async def resolved_alerts_before(self, cutoff: datetime, *, batch: int) -> int:
        query = {"status": AlertStatus.RESOLVED.value, "resolved_at": {"$lt": cutoff}}
        return await self._purge("safeguarding_alerts", query, batch)

    async def resolved_staff_alerts_before(self, cutoff: datetime, *, batch: int) -> int:
        query = {"status": StaffAlertStatus.RESOLVED.value, "resolved_at": {"$lt": cutoff}}
        return await self._purge("staff_alerts", query, batch)

    async def exports_expired(self, now: datetime, *, batch: int) -> int:
        """Finished exports past their 7 days; one still building is left to finish."""
        query = {"expires_at": {"$lte": now}, "status": {"$in": [ExportStatus.READY.value, ExportStatus.FAILED.value]}}
        return await self._purge("data_exports", query, batch)

    async def closed_threads_before(self, cutoff: datetime, *, batch: int) -> int:
        """Threads closed before `cutoff`, with their messages and their reports; the thread goes last,
        so a run stopped half-way finds it again.
        """
        query = {"status": ThreadStatus.CLOSED.value, "closed_at": {"$lt": cutoff}}
        deleted = 0
        while ids := [raw["_id"] async for raw in self._db["threads"].find(query, {"_id": 1}).limit(batch)]:
            await self._db["messages"].delete_many({"thread_id": {"$in": ids}})
            await self._db["message_reports"].delete_many({"thread_id": {"$in": ids}})
            deleted += (await self._db["threads"].delete_many({"_id": {"$in": ids}, **query})).deleted_count
            if len(ids) < batch:
                break
        return deleted

    async def _purge(self, collection: str, query: dict[str, Any], batch: int) -> int:
        deleted = 0
        while True:
            ids = [raw["_id"] async for raw in self._db[collection].find(query, {"_id": 1}).limit(batch)]
            if not ids:
                return deleted
            # The ids and the condition again: a document changed since it was read is left alone.
            result = await self._db[collection].delete_many({"_id": {"$in": ids}, **query})
            deleted += result.deleted_count
            if len(ids) < batch:
                return deleted
