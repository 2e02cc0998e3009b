"""The `sessions` collection: a group's meetings, one document per occurrence.

Places change only by conditional single-document updates on `free_places`, so two
concurrent answers can never both take the last place (pitfall F10 on FerretDB: the
concurrency test is an engine contract).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pymongo import ReturnDocument

from infra.mongo.client import Database
from infra.mongo.commands import set_fields
from schemas.documents.sessions import SessionDocument, SessionUpdate

_LIVE: dict[str, Any] = {"cancelled_at": None}


class SessionsRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["sessions"]

    async def insert_many(self, sessions: Sequence[SessionDocument]) -> None:
        await self._collection.insert_many([session.to_mongo() for session in sessions], ordered=True)

    async def get(self, session_id: str) -> SessionDocument | None:
        raw = await self._collection.find_one({"_id": session_id})
        return SessionDocument.from_mongo(raw) if raw else None

    async def get_many(self, session_ids: Sequence[str]) -> list[SessionDocument]:
        cursor = self._collection.find({"_id": {"$in": list(session_ids)}})
        return [SessionDocument.from_mongo(raw) async for raw in cursor]

    async def of_group(
        self, group_id: str, *, starting_after: datetime, limit: int, include_cancelled: bool
    ) -> list[SessionDocument]:
        """A group's sessions that end after `starting_after`, soonest first."""
        query: dict[str, Any] = {"group_id": group_id, "ends_at": {"$gt": starting_after}}
        if not include_cancelled:
            query |= _LIVE
        cursor = self._collection.find(query).sort([("ends_at", 1), ("_id", 1)]).limit(limit)
        return [SessionDocument.from_mongo(raw) async for raw in cursor]

    async def past_of_group(self, group_id: str, *, ended_by: datetime, limit: int) -> list[SessionDocument]:
        """A group's held sessions that ended by `ended_by`, latest first (the missed-sessions rule reads these)."""
        query = {"group_id": group_id, "ends_at": {"$lte": ended_by}, **_LIVE}
        cursor = self._collection.find(query).sort([("ends_at", -1), ("_id", -1)]).limit(limit)
        return [SessionDocument.from_mongo(raw) async for raw in cursor]

    async def series_from(self, group_id: str, series_id: str, *, starts_from: datetime) -> list[SessionDocument]:
        """The live occurrences of a series starting at or after `starts_from`."""
        query = {"group_id": group_id, "series_id": series_id, "starts_at": {"$gte": starts_from}, **_LIVE}
        cursor = self._collection.find(query).sort([("starts_at", 1), ("_id", 1)])
        return [SessionDocument.from_mongo(raw) async for raw in cursor]

    async def update_live(self, session_id: str, changes: SessionUpdate) -> SessionDocument | None:
        raw = await self._collection.find_one_and_update(
            {"_id": session_id, **_LIVE}, {"$set": set_fields(changes)}, return_document=ReturnDocument.AFTER
        )
        return SessionDocument.from_mongo(raw) if raw else None

    async def set_capacity(
        self, session_id: str, *, old: int | None, new: int | None, going: int, now: datetime
    ) -> bool:
        """Change the capacity if those going still fit; free places follow by the difference. From no
        capacity, the free places are counted from `going`, which the filter holds to.
        """
        query: dict[str, Any] = {"_id": session_id, "capacity": old, **_LIVE}
        update: dict[str, Any] = {"$set": {"capacity": new, "updated_at": now}}
        if new is None:
            update["$set"]["free_places"] = None
        elif old is None:
            query["going_count"] = going
            update["$set"]["free_places"] = new - going
        else:
            query["going_count"] = {"$lte": new}
            update["$inc"] = {"free_places": new - old}
        if new is not None and going > new:
            return False
        result = await self._collection.update_one(query, update)
        return result.modified_count == 1

    async def cancel(self, session_id: str, *, now: datetime) -> SessionDocument | None:
        raw = await self._collection.find_one_and_update(
            {"_id": session_id, **_LIVE},
            {"$set": {"cancelled_at": now, "updated_at": now, "reminder_at": None, "missed_check_at": None}},
            return_document=ReturnDocument.AFTER,
        )
        return SessionDocument.from_mongo(raw) if raw else None

    async def take_place(self, session_id: str) -> bool:
        """One more person going, if a place is free (or there is no capacity) and it is not cancelled.
        Null is no number to `$inc`, so an unlimited session counts only those going.
        """
        unlimited = await self._collection.update_one(
            {"_id": session_id, **_LIVE, "capacity": None}, {"$inc": {"going_count": 1}}
        )
        if unlimited.modified_count == 1:
            return True
        limited = await self._collection.update_one(
            {"_id": session_id, **_LIVE, "free_places": {"$gt": 0}}, {"$inc": {"going_count": 1, "free_places": -1}}
        )
        return limited.modified_count == 1

    async def release_place(self, session_id: str) -> None:
        unlimited = await self._collection.update_one(
            {"_id": session_id, "capacity": None}, {"$inc": {"going_count": -1}}
        )
        if unlimited.modified_count == 0:
            await self._collection.update_one(
                {"_id": session_id, "capacity": {"$ne": None}}, {"$inc": {"going_count": -1, "free_places": 1}}
            )

    async def next_wait_position(self, session_id: str) -> int:
        raw = await self._collection.find_one_and_update(
            {"_id": session_id}, {"$inc": {"waiting_seq": 1}}, return_document=ReturnDocument.AFTER
        )
        return int(raw["waiting_seq"]) if raw else 0

    async def due_reminders(self, now: datetime, *, limit: int) -> list[SessionDocument]:
        cursor = (
            self._collection.find({"reminder_at": {"$lte": now}}).sort([("reminder_at", 1), ("_id", 1)]).limit(limit)
        )
        return [SessionDocument.from_mongo(raw) async for raw in cursor]

    async def claim_reminder(self, session_id: str, *, was: datetime, next_at: datetime | None) -> bool:
        """Move the reminder on from `was`: exactly one tick wins it."""
        result = await self._collection.update_one(
            {"_id": session_id, "reminder_at": was}, {"$set": {"reminder_at": next_at}}
        )
        return result.modified_count == 1

    async def due_missed_checks(self, now: datetime, *, limit: int) -> list[SessionDocument]:
        query = {"missed_check_at": {"$lte": now}}
        cursor = self._collection.find(query).sort([("missed_check_at", 1), ("_id", 1)]).limit(limit)
        return [SessionDocument.from_mongo(raw) async for raw in cursor]

    async def claim_missed_check(self, session_id: str, *, was: datetime) -> bool:
        """Take the look at who stopped coming: exactly one tick wins it."""
        result = await self._collection.update_one(
            {"_id": session_id, "missed_check_at": was}, {"$set": {"missed_check_at": None}}
        )
        return result.modified_count == 1
