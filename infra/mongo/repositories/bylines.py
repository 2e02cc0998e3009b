"""The `bylines` collection: who wrote content posted under their own name."""

from __future__ import annotations

from collections.abc import Sequence

from infra.mongo.client import Database
from schemas.documents.bylines import BylineDocument


class BylinesRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["bylines"]

    async def insert(self, byline: BylineDocument) -> None:
        await self._collection.insert_one(byline.to_mongo())

    async def members_of(self, content_ids: Sequence[str]) -> dict[str, str]:
        """content id → member id, for named content among the ids: one `$in` query."""
        cursor = self._collection.find({"_id": {"$in": list(content_ids)}})
        return {raw["_id"]: raw["member_id"] async for raw in cursor}

    async def delete_many(self, content_ids: Sequence[str]) -> None:
        await self._collection.delete_many({"_id": {"$in": list(content_ids)}})
