"""The `devices` collection: FCM tokens, unique, each owned by the member who registered it last."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from pymongo import DESCENDING, ReturnDocument
from pymongo.errors import DuplicateKeyError

from infra.mongo.client import Database
from schemas.documents.base import new_id
from schemas.documents.devices import DeviceDocument, Platform


class DevicesRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["devices"]

    async def register(
        self, *, member_id: str, token: str, platform: Platform, locale: str, now: datetime
    ) -> DeviceDocument:
        """Upsert on the unique token: a token registered again moves to this member."""
        update = {
            "$set": {"member_id": member_id, "platform": platform.value, "locale": locale, "last_seen": now},
            "$setOnInsert": {"_id": new_id(), "created_at": now},
        }
        try:
            raw = await self._upsert(token, update)
        except DuplicateKeyError:
            # Two first registrations of one token raced; the loser's update now finds the winner's document.
            raw = await self._upsert(token, update)
        return DeviceDocument.from_mongo(raw)

    async def _upsert(self, token: str, update: dict[str, object]) -> dict[str, object]:
        raw = await self._collection.find_one_and_update(
            {"token": token}, update, upsert=True, return_document=ReturnDocument.AFTER
        )
        if raw is None:  # an upsert returning the document after it never gives None
            raise RuntimeError("device upsert returned no document")
        return raw

    async def keep_most_recent(self, member_id: str, keep: int) -> int:
        """Delete the member's least recently seen tokens beyond `keep`; how many went."""
        cursor = self._collection.find({"member_id": member_id}, {"_id": 1}).sort("last_seen", DESCENDING).skip(keep)
        stale = [raw["_id"] async for raw in cursor]
        if not stale:
            return 0
        result = await self._collection.delete_many({"_id": {"$in": stale}, "member_id": member_id})
        return result.deleted_count

    async def unregister(self, *, member_id: str, token: str) -> DeviceDocument | None:
        """Delete the token if this member owns it; None for a stranger's or an unknown token alike."""
        raw = await self._collection.find_one_and_delete({"token": token, "member_id": member_id})
        return DeviceDocument.from_mongo(raw) if raw else None

    async def list_for_member(self, member_id: str) -> list[DeviceDocument]:
        cursor = self._collection.find({"member_id": member_id})
        return [DeviceDocument.from_mongo(raw) async for raw in cursor]

    async def delete_tokens(self, devices: Sequence[DeviceDocument]) -> int:
        """Delete tokens FCM refused (unregistered or invalid for every member alike)."""
        if not devices:
            return 0
        pairs = [{"_id": device.id, "token": device.token} for device in devices]
        result = await self._collection.delete_many({"$or": pairs})
        return result.deleted_count
