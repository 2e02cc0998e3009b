"""The `venues` collection: where groups meet in person."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from pymongo import ReturnDocument

from infra.mongo.client import Database
from infra.mongo.commands import set_fields
from schemas.documents.venues import VenueDocument, VenueUpdate


class VenuesRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["venues"]

    async def insert(self, venue: VenueDocument) -> None:
        await self._collection.insert_one(venue.to_mongo())

    async def get(self, group_id: str, venue_id: str) -> VenueDocument | None:
        raw = await self._collection.find_one({"_id": venue_id, "group_id": group_id})
        return VenueDocument.from_mongo(raw) if raw else None

    async def get_many(self, venue_ids: Sequence[str]) -> list[VenueDocument]:
        cursor = self._collection.find({"_id": {"$in": list(venue_ids)}})
        return [VenueDocument.from_mongo(raw) async for raw in cursor]

    async def of_group(self, group_id: str, *, limit: int) -> list[VenueDocument]:
        cursor = self._collection.find({"group_id": group_id}).sort([("name", 1), ("_id", 1)]).limit(limit)
        return [VenueDocument.from_mongo(raw) async for raw in cursor]

    async def count_of_group(self, group_id: str) -> int:
        return await self._collection.count_documents({"group_id": group_id})

    async def update(
        self, group_id: str, venue_id: str, changes: VenueUpdate, *, now: datetime
    ) -> VenueDocument | None:
        raw = await self._collection.find_one_and_update(
            {"_id": venue_id, "group_id": group_id},
            {"$set": {**set_fields(changes), "updated_at": now}},
            return_document=ReturnDocument.AFTER,
        )
        return VenueDocument.from_mongo(raw) if raw else None
