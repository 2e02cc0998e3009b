"""The `content_removals` collection: anonymous content waiting for its own moment to go."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from pymongo.errors import BulkWriteError

from infra.mongo.client import Database
from schemas.documents.content_removals import ContentRemovalDocument

_DUPLICATE_KEY = 11000


class ContentRemovalsRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["content_removals"]

    async def schedule(self, removals: Sequence[ContentRemovalDocument]) -> None:
        """Each one unless already scheduled (a purge run again keeps the first moment)."""
        if not removals:
            return
        try:
            await self._collection.insert_many([removal.to_mongo() for removal in removals], ordered=False)
        except BulkWriteError as error:
            if any(e.get("code") != _DUPLICATE_KEY for e in error.details.get("writeErrors", [])):
                raise

    async def due(self, now: datetime, *, limit: int) -> list[ContentRemovalDocument]:
        """The removals whose moment has come, earliest first (index due)."""
        cursor = self._collection.find({"due_at": {"$lte": now}}).sort("due_at", 1).limit(limit)
        return [ContentRemovalDocument.from_mongo(raw) async for raw in cursor]

    async def done(self, content_id: str) -> None:
        await self._collection.delete_one({"_id": content_id})
