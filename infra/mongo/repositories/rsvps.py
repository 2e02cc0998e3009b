"""The `rsvps` collection: members' answers to sessions, unique per (group, session, member).

Each change of answer is one conditional upsert whose filter names the answers it may
replace: when the stored answer is not one of them, the upsert's insert meets the unique
index and the change is refused, so two concurrent answers of one member cannot both
take a place.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from infra.mongo.client import Database
from schemas.documents.base import new_id
from schemas.documents.rsvps import Answer, RsvpDocument


class RsvpsRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["rsvps"]

    async def get(self, group_id: str, session_id: str, member_id: str) -> RsvpDocument | None:
        raw = await self._collection.find_one({"group_id": group_id, "session_id": session_id, "member_id": member_id})
        return RsvpDocument.from_mongo(raw) if raw else None

    async def change(
        self,
        group_id: str,
        session_id: str,
        member_id: str,
        *,
        replaces: Sequence[Answer | None],
        answer: Answer,
        wait_position: int | None,
        now: datetime,
    ) -> RsvpDocument | None:
        """Set the member's answer if it is now one of `replaces` (None: no answer yet); None when it was not."""
        stored = [value.value for value in replaces if value is not None]
        query: dict[str, Any] = {"group_id": group_id, "session_id": session_id, "member_id": member_id}
        query["answer"] = {"$in": stored}
        update = {
            "$set": {"answer": answer.value, "wait_position": wait_position, "answered_at": now},
            "$setOnInsert": {"_id": new_id()},
        }
        try:
            raw = await self._collection.find_one_and_update(
                query, update, upsert=None in replaces, return_document=ReturnDocument.AFTER
            )
        except DuplicateKeyError:
            return None
        return RsvpDocument.from_mongo(raw) if raw else None

    async def promote_first_waiting(self, group_id: str, session_id: str, *, now: datetime) -> RsvpDocument | None:
        """The first in the waiting list becomes GOING (the caller holds the place for them)."""
        raw = await self._collection.find_one_and_update(
            {"group_id": group_id, "session_id": session_id, "answer": Answer.WAITING.value},
            {"$set": {"answer": Answer.GOING.value, "wait_position": None, "answered_at": now}},
            sort=[("wait_position", 1), ("_id", 1)],
            return_document=ReturnDocument.AFTER,
        )
        return RsvpDocument.from_mongo(raw) if raw else None

    async def anyone_waiting(self, group_id: str, session_id: str) -> bool:
        query = {"group_id": group_id, "session_id": session_id, "answer": Answer.WAITING.value}
        return await self._collection.find_one(query, {"_id": 1}) is not None

    async def of_session(self, group_id: str, session_id: str, *, answers: Sequence[Answer]) -> list[RsvpDocument]:
        query = {"group_id": group_id, "session_id": session_id, "answer": {"$in": [a.value for a in answers]}}
        cursor = self._collection.find(query).sort([("answer", 1), ("wait_position", 1), ("answered_at", 1)])
        return [RsvpDocument.from_mongo(raw) async for raw in cursor]

    async def counts(self, group_id: str, session_id: str) -> dict[Answer, int]:
        pipeline: list[dict[str, Any]] = [
            {"$match": {"group_id": group_id, "session_id": session_id}},
            {"$group": {"_id": "$answer", "n": {"$sum": 1}}},
        ]
        counted = {Answer(row["_id"]): int(row["n"]) async for row in await self._collection.aggregate(pipeline)}
        return {answer: counted.get(answer, 0) for answer in Answer}

    async def mine(self, member_id: str, session_ids: Sequence[str]) -> list[RsvpDocument]:
        cursor = self._collection.find({"member_id": member_id, "session_id": {"$in": list(session_ids)}})
        return [RsvpDocument.from_mongo(raw) async for raw in cursor]

    async def going_sessions_of(self, member_id: str, *, limit: int) -> list[RsvpDocument]:
        cursor = self._collection.find({"member_id": member_id, "answer": Answer.GOING.value}).limit(limit)
        return [RsvpDocument.from_mongo(raw) async for raw in cursor]

    async def holding_places(self, group_id: str, member_id: str, session_ids: Sequence[str]) -> list[RsvpDocument]:
        query = {
            "group_id": group_id,
            "member_id": member_id,
            "session_id": {"$in": list(session_ids)},
            "answer": {"$in": [Answer.GOING.value, Answer.WAITING.value, Answer.MAYBE.value]},
        }
        return [RsvpDocument.from_mongo(raw) async for raw in self._collection.find(query)]

    async def delete_one(self, rsvp_id: str, *, answer: Answer) -> bool:
        """Delete this answer if it is still `answer` (a purge rerun does not give a place back twice)."""
        return (await self._collection.delete_one({"_id": rsvp_id, "answer": answer.value})).deleted_count == 1

    async def delete_for_member(self, member_id: str) -> int:
        return (await self._collection.delete_many({"member_id": member_id})).deleted_count

    async def for_member(self, member_id: str) -> list[RsvpDocument]:
        return [RsvpDocument.from_mongo(raw) async for raw in self._collection.find({"member_id": member_id})]
