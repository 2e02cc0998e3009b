"""The `notifications` collection."""

from __future__ import annotations

from pymongo.errors import DuplicateKeyError

from infra.mongo.client import Database
from schemas.documents.notifications import NotificationDocument


class NotificationsRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["notifications"]

    async def insert_if_new(self, notification: NotificationDocument) -> bool:
        """Insert unless one with the same `dedupe_key` exists; True when inserted."""
        try:
            await self._collection.insert_one(notification.to_mongo())
        except DuplicateKeyError:
            return False
        return True

    async def get(self, notification_id: str) -> NotificationDocument | None:
        raw = await self._collection.find_one({"_id": notification_id})
        return NotificationDocument.from_mongo(raw) if raw else None
