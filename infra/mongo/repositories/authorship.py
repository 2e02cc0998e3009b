"""The `authorship` collection: content id → HMAC of its author's member id. Nothing else."""

from __future__ import annotations

from collections.abc import Sequence

from infra.mongo.client import Database
from schemas.documents.authorship import AuthorshipDocument


class AuthorshipRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["authorship"]

    async def insert(self, authorship: AuthorshipDocument) -> None:
        await self._collection.insert_one(authorship.to_mongo())

    async def get(self, content_id: str) -> AuthorshipDocument | None:
        raw = await self._collection.find_one({"_id": content_id})
        return AuthorshipDocument.from_mongo(raw) if raw else None

    async def keys_of(self, content_ids: Sequence[str]) -> dict[str, str]:
        """content id → author_key, for the ids that have one: one `$in` query."""
        cursor = self._collection.find({"_id": {"$in": list(content_ids)}})
        return {raw["_id"]: raw["author_key"] async for raw in cursor}

    async def delete_many(self, content_ids: Sequence[str]) -> None:
        await self._collection.delete_many({"_id": {"$in": list(content_ids)}})
