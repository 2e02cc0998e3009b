"""The `push_budgets` collection: places under each member's daily cap of non-urgent pushes."""

from __future__ import annotations

from datetime import datetime

from pymongo.errors import DuplicateKeyError

from infra.mongo.client import Database
from schemas.documents.push_budgets import PushPlaceDocument, place_key


class PushBudgetsRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["push_budgets"]

    async def reserve(self, *, member_id: str, day: str, notification_id: str, cap: int, expires_at: datetime) -> bool:
        """Take one of the day's `cap` places for this notification; True if it has one (now or before).

        Insert-first on unique place keys, so the cap holds however many workers
        race. The look for an earlier place of this notification is safe: only
        the holder of its claim reserves for it.
        """
        taken = await self._collection.find({"member_id": member_id, "day": day}).to_list(None)
        if any(place["notification_id"] == notification_id for place in taken):
            return True
        used = {place["slot"] for place in taken}
        for slot in (s for s in range(1, cap + 1) if s not in used):
            place = PushPlaceDocument(
                id=place_key(member_id, day, slot), member_id=member_id, day=day, slot=slot,
                notification_id=notification_id, expires_at=expires_at,
            )  # fmt: skip
            try:
                await self._collection.insert_one(place.to_mongo())
            except DuplicateKeyError:
                continue  # another notification took it just now: try the next
            return True
        return False

    async def purge_expired(self, *, now: datetime) -> int:
        result = await self._collection.delete_many({"expires_at": {"$lt": now}})
        return result.deleted_count
