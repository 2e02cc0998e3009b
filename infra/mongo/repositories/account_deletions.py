"""The `account_deletions` collection: one per member waiting to be, or being, purged."""

from __future__ import annotations

from datetime import datetime

from pymongo.errors import DuplicateKeyError

from infra.mongo.client import Database
from schemas.documents.account_deletions import AccountDeletionDocument


class AccountDeletionsRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["account_deletions"]

    async def insert_if_new(self, deletion: AccountDeletionDocument) -> AccountDeletionDocument:
        """The member's deletion: this one, or the one already recorded (`_id` is the member id)."""
        try:
            await self._collection.insert_one(deletion.to_mongo())
        except DuplicateKeyError:
            existing = await self.get(deletion.id)
            if existing is not None:
                return existing
            raise
        return deletion

    async def get(self, member_id: str) -> AccountDeletionDocument | None:
        raw = await self._collection.find_one({"_id": member_id})
        return AccountDeletionDocument.from_mongo(raw) if raw else None

    async def cancel(self, member_id: str, *, now: datetime) -> AccountDeletionDocument | None:
        """Delete it if the purge has not started and is not yet due; the cancelled record, or None."""
        raw = await self._collection.find_one_and_delete(
            {"_id": member_id, "purge_started_at": None, "purge_after": {"$gt": now}}
        )
        return AccountDeletionDocument.from_mongo(raw) if raw else None

    async def due(self, now: datetime, *, limit: int) -> list[AccountDeletionDocument]:
        cursor = self._collection.find({"purge_after": {"$lte": now}}).sort([("purge_after", 1), ("_id", 1)])
        return [AccountDeletionDocument.from_mongo(raw) async for raw in cursor.limit(limit)]

    async def mark_started(self, member_id: str, *, now: datetime) -> None:
        await self._collection.update_one(
            {"_id": member_id, "purge_started_at": None}, {"$set": {"purge_started_at": now}}
        )

    async def mark_step_done(self, member_id: str, step: str) -> None:
        await self._collection.update_one({"_id": member_id}, {"$addToSet": {"steps_done": step}})

    async def delete(self, member_id: str) -> None:
        await self._collection.delete_one({"_id": member_id})
