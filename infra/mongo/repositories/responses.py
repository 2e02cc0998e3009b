"""The `responses` collection: replies to a share, oldest first by minute, random id as tiebreak."""

from __future__ import annotations

from collections.abc import Sequence

from pymongo import ReturnDocument

from infra.mongo.client import Database
from infra.mongo.pagination import sort_spec
from schemas.documents.responses import ResponseDocument
from schemas.documents.shares import ContentStatus, HiddenBy


class ResponsesRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["responses"]

    async def insert(self, response: ResponseDocument) -> None:
        await self._collection.insert_one(response.to_mongo())

    async def get(self, response_id: str) -> ResponseDocument | None:
        raw = await self._collection.find_one({"_id": response_id})
        return ResponseDocument.from_mongo(raw) if raw else None

    async def get_many(self, response_ids: Sequence[str]) -> list[ResponseDocument]:
        cursor = self._collection.find({"_id": {"$in": list(response_ids)}})
        return [ResponseDocument.from_mongo(raw) async for raw in cursor]

    async def for_shares(self, share_ids: Sequence[str]) -> list[ResponseDocument]:
        """Every response of these shares, in every status, oldest first (index share_thread).
        Bounded: a share takes at most MAX_RESPONSES_PER_SHARE responses.
        """
        cursor = self._collection.find({"share_id": {"$in": list(share_ids)}}).sort(
            [("share_id", 1), *sort_spec("created_minute", descending=False)]
        )
        return [ResponseDocument.from_mongo(raw) async for raw in cursor]

    async def count_for_share(self, share_id: str, *, limit: int) -> int:
        return await self._collection.count_documents({"share_id": share_id}, limit=limit)

    async def change_status(
        self,
        response_id: str,
        *,
        from_statuses: Sequence[ContentStatus],
        to: ContentStatus,
        hidden_by: HiddenBy | None = None,
    ) -> ResponseDocument | None:
        """As for shares: exclusive on MongoDB, not on FerretDB 1.24."""
        raw = await self._collection.find_one_and_update(
            {"_id": response_id, "status": {"$in": [s.value for s in from_statuses]}},
            {"$set": {"status": to.value, "hidden_by": hidden_by.value if hidden_by else None}},
            return_document=ReturnDocument.AFTER,
        )
        return ResponseDocument.from_mongo(raw) if raw else None

    async def ids_for_share(self, share_id: str) -> list[str]:
        return [raw["_id"] async for raw in self._collection.find({"share_id": share_id}, {"_id": 1})]

    async def delete(self, response_id: str) -> ResponseDocument | None:
        """Delete one response; what it was, or None when it was already gone."""
        raw = await self._collection.find_one_and_delete({"_id": response_id})
        return ResponseDocument.from_mongo(raw) if raw else None

    async def delete_for_share(self, share_id: str) -> None:
        await self._collection.delete_many({"share_id": share_id})
