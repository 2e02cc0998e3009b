"""The `push_budgets` collection: each member's non-urgent pushes per local day (the daily cap)."""

from __future__ import annotations

from datetime import datetime

from pymongo.errors import DuplicateKeyError

from infra.mongo.client import Database
from schemas.documents.push_budgets import budget_id


class PushBudgetsRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["push_budgets"]

    async def reserve(self, *, member_id: str, day: str, notification_id: str, cap: int, expires_at: datetime) -> bool:
        """Take one of the day's `cap` places for this notification; True if it has one (now or before).

        A conditional upsert on the day's document: when the day is full, or
        this notification already holds a place, the filter misses and the
        upsert's insert hits the unique `_id`. Atomic on MongoDB.
        """
        key = budget_id(member_id, day)
        query = {"_id": key, "notification_ids": {"$ne": notification_id}, "count": {"$lt": cap}}
        update = {
            "$push": {"notification_ids": notification_id},
            "$inc": {"count": 1},
            "$setOnInsert": {"member_id": member_id, "day": day, "expires_at": expires_at},
        }
        try:
            await self._collection.update_one(query, update, upsert=True)
        except DuplicateKeyError:
            held = await self._collection.find_one({"_id": key, "notification_ids": notification_id}, {"_id": 1})
            return held is not None
        return True

    async def purge_expired(self, *, now: datetime) -> int:
        result = await self._collection.delete_many({"expires_at": {"$lt": now}})
        return result.deleted_count
