"""The `join_requests` collection."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from pymongo.errors import DuplicateKeyError

from infra.mongo.client import Database
from infra.mongo.pagination import after_filter, sort_spec
from schemas.documents.join_requests import JoinRequestDocument, JoinRequestStatus
from schemas.pagination import Keyset, Page, page_of

_PENDING = JoinRequestStatus.PENDING.value


class JoinRequestPendingError(Exception):
    """The member already has a pending request for this group (unique `pending_key`)."""


class JoinRequestsRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["join_requests"]

    async def insert(self, request: JoinRequestDocument) -> None:
        try:
            await self._collection.insert_one(request.to_mongo())
        except DuplicateKeyError as error:
            raise JoinRequestPendingError(request.group_id) from error

    async def withdraw(self, request_id: str) -> None:
        """Take back a request just made whose code could not then be used (its last use went meanwhile)."""
        await self._collection.delete_one({"_id": request_id})

    async def get(self, request_id: str) -> JoinRequestDocument | None:
        raw = await self._collection.find_one({"_id": request_id})
        return JoinRequestDocument.from_mongo(raw) if raw else None

    async def decide(self, request_id: str, *, status: JoinRequestStatus, decided_by: str, now: datetime) -> bool:
        """Pending to `status`, once: False when it was already decided. The pair's key is
        set to the request's own id, so the member may ask again later.
        """
        result = await self._collection.update_one(
            {"_id": request_id, "status": _PENDING},
            {"$set": {"status": status.value, "decided_by": decided_by, "decided_at": now, "pending_key": request_id}},
        )
        return result.modified_count == 1

    async def page_pending(self, group_id: str, *, after: Keyset | None, first: int) -> Page[JoinRequestDocument]:
        """A group's pending requests, oldest first: the longest wait is answered first."""
        query = {"group_id": group_id, "status": _PENDING, **after_filter("created_at", after, descending=False)}
        cursor = self._collection.find(query).sort(sort_spec("created_at", descending=False)).limit(first + 1)
        return page_of([JoinRequestDocument.from_mongo(raw) async for raw in cursor], first)

    async def pending_for_group(self, group_id: str, *, limit: int) -> list[JoinRequestDocument]:
        cursor = self._collection.find({"group_id": group_id, "status": _PENDING}).limit(limit)
        return [JoinRequestDocument.from_mongo(raw) async for raw in cursor]

    async def count_pending(self, group_ids: Sequence[str]) -> dict[str, int]:
        """Pending requests per group, in one aggregation; groups with none are left out."""
        pipeline = [
            {"$match": {"group_id": {"$in": list(group_ids)}, "status": _PENDING}},
            {"$group": {"_id": "$group_id", "count": {"$sum": 1}}},
        ]
        cursor = await self._collection.aggregate(pipeline)
        return {row["_id"]: row["count"] async for row in cursor}
