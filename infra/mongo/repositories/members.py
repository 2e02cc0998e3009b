"""The `members` collection."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from infra.mongo.client import Database
from infra.mongo.commands import set_fields
from schemas.documents.members import MemberDocument, PreferencesUpdate, ProfileUpdate


class MemberAlreadyExistsError(Exception):
    """A member with this Firebase user already exists (unique index)."""


class MembersRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["members"]

    async def insert(self, member: MemberDocument) -> None:
        try:
            await self._collection.insert_one(member.to_mongo())
        except DuplicateKeyError as error:
            raise MemberAlreadyExistsError(member.firebase_uid) from error

    async def get_by_firebase_uid(self, firebase_uid: str) -> MemberDocument | None:
        raw = await self._collection.find_one({"firebase_uid": firebase_uid})
        return MemberDocument.from_mongo(raw) if raw else None

    async def get_many(self, member_ids: Sequence[str]) -> list[MemberDocument]:
        """Members by id, in no particular order; missing ids are left out."""
        cursor = self._collection.find({"_id": {"$in": list(member_ids)}})
        return [MemberDocument.from_mongo(raw) async for raw in cursor]

    async def ids_after(self, after_id: str | None, *, limit: int) -> list[str]:
        """Member ids in `_id` order, a batch at a time (the break-glass search's last resort)."""
        query = {"_id": {"$gt": after_id}} if after_id is not None else {}
        cursor = self._collection.find(query, {"_id": 1}).sort("_id", 1).limit(limit)
        return [raw["_id"] async for raw in cursor]

    async def update_profile(self, member_id: str, update: ProfileUpdate, *, now: datetime) -> MemberDocument | None:
        """The member after the change; None when they no longer exist."""
        return await self._set(member_id, set_fields(update), now=now)

    async def update_preferences(
        self, member_id: str, update: PreferencesUpdate, *, now: datetime
    ) -> MemberDocument | None:
        """The member after the change; None when they no longer exist."""
        return await self._set(member_id, set_fields(update, under="preferences"), now=now)

    async def _set(self, member_id: str, changes: dict[str, Any], *, now: datetime) -> MemberDocument | None:
        raw = await self._collection.find_one_and_update(
            {"_id": member_id},
            {"$set": {**changes, "updated_at": now}},
            return_document=ReturnDocument.AFTER,
        )
        return MemberDocument.from_mongo(raw) if raw else None

    async def hide(self, member_id: str, *, placeholder: str, now: datetime) -> None:
        """Waiting to be deleted: others see the placeholder name (the real one is in the deletion record),
        and every sign-in made until now stops counting, in the same write.
        """
        changes = {"display_name": placeholder, "deletion_requested_at": now, "sign_ins_valid_after": now}
        await self._collection.update_one({"_id": member_id}, {"$set": {**changes, "updated_at": now}})

    async def unhide(self, member_id: str, *, display_name: str, now: datetime) -> None:
        await self._collection.update_one(
            {"_id": member_id},
            {"$set": {"display_name": display_name, "deletion_requested_at": None, "updated_at": now}},
        )

    async def delete(self, member_id: str) -> None:
        await self._collection.delete_one({"_id": member_id})

    async def ids_joined_before(self, moment: datetime) -> list[str]:
        """Every member who had joined the service by `moment` (the impact report's platform population)."""
        cursor = self._collection.find({"created_at": {"$lt": moment}}, {"_id": 1})
        return [raw["_id"] async for raw in cursor]
