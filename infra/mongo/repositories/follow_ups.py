"""The `follow_ups` collection."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from infra.mongo.client import Database
from infra.mongo.pagination import after_filter, sort_spec
from schemas.documents.follow_ups import FollowUpAnswer, FollowUpDocument, FollowUpStatus
from schemas.pagination import Keyset


class FollowUpsRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["follow_ups"]

    async def insert_if_new(self, follow_up: FollowUpDocument) -> bool:
        """Insert unless one exists for the same event (unique `source_key`); True when inserted."""
        try:
            await self._collection.insert_one(follow_up.to_mongo())
        except DuplicateKeyError:
            return False
        return True

    async def due(self, now: datetime, *, limit: int, after: Keyset | None) -> list[FollowUpDocument]:
        """Follow-ups to ask now, oldest first, through the `due` index."""
        query = {"due_at": {"$lte": now}, **after_filter("due_at", after, descending=False)}
        cursor = self._collection.find(query).sort(sort_spec("due_at", descending=False)).limit(limit)
        return [FollowUpDocument.from_mongo(raw) async for raw in cursor]

    async def asked_since(self, member_ids: Sequence[str], since: datetime) -> set[str]:
        """Which of these members were asked a follow-up at or after `since`."""
        cursor = self._collection.find({"member_id": {"$in": list(member_ids)}, "asked_at": {"$gte": since}})
        return {raw["member_id"] async for raw in cursor}

    async def postpone(self, follow_up: FollowUpDocument, *, until: datetime) -> None:
        await self._scheduled(follow_up, {"due_at": until})

    async def mark_asked(self, follow_up: FollowUpDocument, *, now: datetime) -> None:
        await self._scheduled(follow_up, {"status": FollowUpStatus.ASKED.value, "asked_at": now, "due_at": None})

    async def mark_skipped(self, follow_up: FollowUpDocument) -> None:
        await self._scheduled(follow_up, {"status": FollowUpStatus.SKIPPED.value, "due_at": None})

    async def get_for_member(self, follow_up_id: str, member_id: str) -> FollowUpDocument | None:
        raw = await self._collection.find_one({"_id": follow_up_id, "member_id": member_id})
        return FollowUpDocument.from_mongo(raw) if raw else None

    async def record_answer(self, follow_up_id: str, member_id: str, answer: FollowUpAnswer) -> FollowUpDocument | None:
        """Keep the member's answer to a question they were asked; None if it was answered already."""
        raw = await self._collection.find_one_and_update(
            {"_id": follow_up_id, "member_id": member_id, "status": FollowUpStatus.ASKED.value},
            {"$set": {"status": FollowUpStatus.ANSWERED.value, "answer": answer.model_dump()}},
            return_document=ReturnDocument.AFTER,
        )
        return FollowUpDocument.from_mongo(raw) if raw else None

    async def _scheduled(self, follow_up: FollowUpDocument, changes: dict[str, Any]) -> None:
        """Change a follow-up still waiting as it was read; another worker's change stands."""
        query = {"_id": follow_up.id, "status": FollowUpStatus.SCHEDULED.value, "due_at": follow_up.due_at}
        await self._collection.update_one(query, {"$set": changes})

    async def created_between(self, *, start: datetime, end: datetime) -> list[FollowUpDocument]:
        """Follow-ups made (a high-risk signpost happened) in [start, end): the impact report's."""
        cursor = self._collection.find({"created_at": {"$gte": start, "$lt": end}})
        return [FollowUpDocument.from_mongo(raw) async for raw in cursor]
