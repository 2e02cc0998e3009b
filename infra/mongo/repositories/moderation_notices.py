"""The `moderation_notices` collection: private notices to authors and muted members, with their appeal."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from pymongo import ReturnDocument

from infra.mongo.client import Database
from schemas.documents.moderation_notices import AppealStatus, ModerationNoticeDocument

MINE_MAX = 50
APPEALS_MAX = 100


class ModerationNoticesRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["moderation_notices"]

    async def insert(self, notice: ModerationNoticeDocument) -> None:
        await self._collection.insert_one(notice.to_mongo())

    async def get(self, notice_id: str) -> ModerationNoticeDocument | None:
        raw = await self._collection.find_one({"_id": notice_id})
        return ModerationNoticeDocument.from_mongo(raw) if raw else None

    async def mine(self, *, author_key: str, member_id: str) -> list[ModerationNoticeDocument]:
        """A member's notices, newest first: by their own key (content) and by their id (mutes)."""
        found = []
        for query in ({"author_key": author_key}, {"member_id": member_id}):
            cursor = self._collection.find(query).sort([("created_at", -1), ("_id", -1)]).limit(MINE_MAX)
            found += [ModerationNoticeDocument.from_mongo(raw) async for raw in cursor]
        return sorted(found, key=lambda n: (n.created_at, n.id), reverse=True)[:MINE_MAX]

    async def appeal(self, notice_id: str, *, note: str, now: datetime) -> ModerationNoticeDocument | None:
        """Record the one appeal; None when it was appealed already."""
        raw = await self._collection.find_one_and_update(
            {"_id": notice_id, "appeal_status": AppealStatus.NONE.value},
            {"$set": {"appeal_status": AppealStatus.PENDING.value, "appeal_note": note, "appealed_at": now}},
            return_document=ReturnDocument.AFTER,
        )
        return ModerationNoticeDocument.from_mongo(raw) if raw else None

    async def decide(
        self, notice_id: str, *, status: AppealStatus, by: str, note: str, now: datetime
    ) -> ModerationNoticeDocument | None:
        """Decide a pending appeal; None when it was not pending (decided already)."""
        raw = await self._collection.find_one_and_update(
            {"_id": notice_id, "appeal_status": AppealStatus.PENDING.value},
            {"$set": {"appeal_status": status.value, "decided_by": by, "decided_at": now, "decision_note": note}},
            return_document=ReturnDocument.AFTER,
        )
        return ModerationNoticeDocument.from_mongo(raw) if raw else None

    async def pending_in(self, group_ids: Sequence[str]) -> list[ModerationNoticeDocument]:
        """Appeals waiting in these groups, oldest first (the `appeals` index)."""
        cursor = (
            self._collection.find({"group_id": {"$in": list(group_ids)}, "appeal_status": AppealStatus.PENDING.value})
            .sort([("appealed_at", 1), ("_id", 1)])
            .limit(APPEALS_MAX)
        )
        return [ModerationNoticeDocument.from_mongo(raw) async for raw in cursor]
