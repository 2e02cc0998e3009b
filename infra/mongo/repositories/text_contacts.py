"""The `text_contacts` collection: members' phone numbers for text messages (encrypted)."""

from __future__ import annotations

from datetime import datetime

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from infra.mongo.client import Database
from schemas.documents.text_contacts import TextContactDocument, TextStatus


class PhoneTakenError(Exception):
    """Another member already has this number (unique `phone_hash`), or this member has a number."""


class TextContactsRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["text_contacts"]

    async def insert(self, contact: TextContactDocument) -> None:
        try:
            await self._collection.insert_one(contact.to_mongo())
        except DuplicateKeyError as error:
            raise PhoneTakenError from error

    async def get(self, member_id: str) -> TextContactDocument | None:
        raw = await self._collection.find_one({"_id": member_id})
        return TextContactDocument.from_mongo(raw) if raw else None

    async def by_phone_hash(self, phone_hash: str) -> TextContactDocument | None:
        raw = await self._collection.find_one({"phone_hash": phone_hash})
        return TextContactDocument.from_mongo(raw) if raw else None

    async def set_status(
        self, member_id: str, status: TextStatus, *, now: datetime, only_from: TextStatus | None = None
    ) -> TextContactDocument | None:
        """Move to `status` (from `only_from` only, when given); the contact after, None when nothing moved."""
        query: dict[str, object] = {"_id": member_id}
        if only_from is not None:
            query["status"] = only_from
        changes: dict[str, object] = {"status": status, "updated_at": now}
        if status is TextStatus.ACTIVE:
            changes["confirmed_at"] = now
        if status is TextStatus.STOPPED:
            changes["stopped_at"] = now
        raw = await self._collection.find_one_and_update(query, {"$set": changes}, return_document=ReturnDocument.AFTER)
        return TextContactDocument.from_mongo(raw) if raw else None

    async def delete(self, member_id: str) -> None:
        await self._collection.delete_one({"_id": member_id})
