"""The `calendar_feeds` collection: each member's secret calendar address, by its token's hash."""

from __future__ import annotations

from datetime import datetime

from infra.mongo.client import Database
from schemas.documents.calendar_feeds import CalendarFeedDocument


class CalendarFeedsRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["calendar_feeds"]

    async def replace(self, member_id: str, *, token_hash: str, now: datetime) -> None:
        """The member's one feed now answers to this token only."""
        await self._collection.update_one(
            {"_id": member_id}, {"$set": {"token_hash": token_hash, "created_at": now}}, upsert=True
        )

    async def by_token_hash(self, token_hash: str) -> CalendarFeedDocument | None:
        raw = await self._collection.find_one({"token_hash": token_hash})
        return CalendarFeedDocument.from_mongo(raw) if raw else None

    async def get(self, member_id: str) -> CalendarFeedDocument | None:
        raw = await self._collection.find_one({"_id": member_id})
        return CalendarFeedDocument.from_mongo(raw) if raw else None

    async def delete(self, member_id: str) -> bool:
        return (await self._collection.delete_one({"_id": member_id})).deleted_count == 1
