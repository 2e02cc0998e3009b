"""The `shares` collection: down days, newest first by minute, random id as tiebreak."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pymongo import ReturnDocument

from infra.mongo.client import Database
from infra.mongo.pagination import after_filter, sort_spec
from schemas.documents.shares import ContentStatus, HiddenBy, ReactionKind, ShareDocument
from schemas.pagination import Keyset, Page, page_of

FEED_SORT = "created_minute"


class SharesRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["shares"]

    async def insert(self, share: ShareDocument) -> None:
        await self._collection.insert_one(share.to_mongo())

    async def get(self, share_id: str) -> ShareDocument | None:
        raw = await self._collection.find_one({"_id": share_id})
        return ShareDocument.from_mongo(raw) if raw else None

    async def get_many(self, share_ids: Sequence[str]) -> list[ShareDocument]:
        cursor = self._collection.find({"_id": {"$in": list(share_ids)}})
        return [ShareDocument.from_mongo(raw) async for raw in cursor]

    async def page(
        self, group_id: str, *, statuses: Sequence[ContentStatus], after: Keyset | None, first: int
    ) -> Page[ShareDocument]:
        """A group's shares in these statuses, newest minute first (index group_feed)."""
        return page_of(await self.newest(group_id, statuses=statuses, after=after, limit=first + 1), first)

    async def newest(
        self, group_id: str, *, statuses: Sequence[ContentStatus], after: Keyset | None, limit: int
    ) -> list[ShareDocument]:
        query: dict[str, Any] = {"group_id": group_id, "status": {"$in": [s.value for s in statuses]}}
        query |= after_filter(FEED_SORT, after, descending=True)
        cursor = self._collection.find(query).sort(sort_spec(FEED_SORT, descending=True)).limit(limit)
        return [ShareDocument.from_mongo(raw) async for raw in cursor]

    async def change_status(
        self,
        share_id: str,
        *,
        from_statuses: Sequence[ContentStatus],
        to: ContentStatus,
        hidden_by: HiddenBy | None = None,
    ) -> ShareDocument | None:
        """Move the share from one of `from_statuses` to `to`; None when it was in none of them.
        Exclusive on MongoDB (one document, conditional); FerretDB 1.24 may let two racers both win.
        """
        raw = await self._collection.find_one_and_update(
            {"_id": share_id, "status": {"$in": [s.value for s in from_statuses]}},
            {"$set": {"status": to.value, "hidden_by": hidden_by.value if hidden_by else None}},
            return_document=ReturnDocument.AFTER,
        )
        return ShareDocument.from_mongo(raw) if raw else None

    async def edit(
        self, share_id: str, *, body: str, sensitive: bool, status: ContentStatus, from_status: ContentStatus
    ) -> ShareDocument | None:
        """The author's edit: the new words, their screen, and the status they call for."""
        raw = await self._collection.find_one_and_update(
            {"_id": share_id, "status": from_status.value},
            {"$set": {"body": body, "sensitive": sensitive, "status": status.value, "edited": True}},
            return_document=ReturnDocument.AFTER,
        )
        return ShareDocument.from_mongo(raw) if raw else None

    async def count_reaction(self, share_id: str, kind: ReactionKind, delta: int) -> ShareDocument | None:
        """$inc is atomic on MongoDB; FerretDB 1.24 updates query-then-write and may lose one under a race."""
        raw = await self._collection.find_one_and_update(
            {"_id": share_id}, {"$inc": {f"reaction_counts.{kind.value}": delta}}, return_document=ReturnDocument.AFTER
        )
        return ShareDocument.from_mongo(raw) if raw else None

    async def count_response(self, share_id: str, delta: int) -> None:
        await self._collection.update_one({"_id": share_id}, {"$inc": {"response_count": delta}})

    async def delete(self, share_id: str) -> bool:
        result = await self._collection.delete_one({"_id": share_id})
        return result.deleted_count == 1
