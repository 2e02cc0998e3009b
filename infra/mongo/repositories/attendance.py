"""The `attendance` collection: who came to which session, unique per (group, session, member)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from pymongo import ReturnDocument

from infra.mongo.client import Database
from schemas.documents.attendance import AttendanceDocument, MarkedBy
from schemas.documents.base import new_id


class AttendanceRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["attendance"]

    async def mark(
        self, group_id: str, session_id: str, member_id: str, *, marked: MarkedBy, starts_at: datetime, now: datetime
    ) -> AttendanceDocument:
        """Record that they came; a second mark keeps the first (an upsert on the unique triple)."""
        raw = await self._collection.find_one_and_update(
            {"group_id": group_id, "session_id": session_id, "member_id": member_id},
            {"$setOnInsert": {"_id": new_id(), "marked": marked.value, "session_starts_at": starts_at, "at": now}},
            upsert=True,
            return_document=ReturnDocument.AFTER,
        )
        if raw is None:
            raise RuntimeError("an upsert returned no document")
        return AttendanceDocument.from_mongo(raw)

    async def unmark(self, group_id: str, session_id: str, member_ids: Sequence[str]) -> int:
        query = {"group_id": group_id, "session_id": session_id, "member_id": {"$in": list(member_ids)}}
        return (await self._collection.delete_many(query)).deleted_count

    async def of_session(self, group_id: str, session_id: str) -> list[AttendanceDocument]:
        cursor = self._collection.find({"group_id": group_id, "session_id": session_id}).sort([("at", 1), ("_id", 1)])
        return [AttendanceDocument.from_mongo(raw) async for raw in cursor]

    async def of_member(self, group_id: str, member_id: str, session_ids: Sequence[str]) -> list[AttendanceDocument]:
        query = {"group_id": group_id, "member_id": member_id, "session_id": {"$in": list(session_ids)}}
        return [AttendanceDocument.from_mongo(raw) async for raw in self._collection.find(query)]

    async def of_sessions(self, group_id: str, session_ids: Sequence[str]) -> list[AttendanceDocument]:
        query = {"group_id": group_id, "session_id": {"$in": list(session_ids)}}
        return [AttendanceDocument.from_mongo(raw) async for raw in self._collection.find(query)]

    async def for_member(self, member_id: str) -> list[AttendanceDocument]:
        return [AttendanceDocument.from_mongo(raw) async for raw in self._collection.find({"member_id": member_id})]

    async def delete_for_member(self, member_id: str) -> int:
        return (await self._collection.delete_many({"member_id": member_id})).deleted_count
