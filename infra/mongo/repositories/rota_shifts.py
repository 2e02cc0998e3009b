"""The `rota_shifts` collection: an organisation's on-call rota."""

from __future__ import annotations

from datetime import datetime

from infra.mongo.client import Database
from schemas.documents.rota_shifts import RotaShiftDocument

ON_DUTY_MAX = 50  # shifts covering one moment; a real rota has a handful


class RotaShiftsRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["rota_shifts"]

    async def insert(self, shift: RotaShiftDocument) -> None:
        await self._collection.insert_one(shift.to_mongo())

    async def get(self, shift_id: str) -> RotaShiftDocument | None:
        raw = await self._collection.find_one({"_id": shift_id})
        return RotaShiftDocument.from_mongo(raw) if raw else None

    async def delete(self, shift_id: str) -> bool:
        return (await self._collection.delete_one({"_id": shift_id})).deleted_count == 1

    async def on_duty(self, organisation_id: str, at: datetime) -> list[RotaShiftDocument]:
        """Shifts covering `at`, in paging order (position, then the earliest start)."""
        cursor = (
            self._collection.find(
                {"organisation_id": organisation_id, "ends_at": {"$gt": at}, "starts_at": {"$lte": at}}
            )
            .sort([("position", 1), ("starts_at", 1), ("_id", 1)])
            .limit(ON_DUTY_MAX)
        )
        return [RotaShiftDocument.from_mongo(raw) async for raw in cursor]

    async def between(
        self, organisation_id: str, start: datetime, end: datetime, *, limit: int
    ) -> list[RotaShiftDocument]:
        """Shifts overlapping [start, end), by start."""
        cursor = (
            self._collection.find(
                {"organisation_id": organisation_id, "ends_at": {"$gt": start}, "starts_at": {"$lt": end}}
            )
            .sort([("starts_at", 1), ("position", 1), ("_id", 1)])
            .limit(limit)
        )
        return [RotaShiftDocument.from_mongo(raw) async for raw in cursor]
