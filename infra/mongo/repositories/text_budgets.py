"""The `text_budgets` collection: texts sent per organisation and month."""

from __future__ import annotations

import contextlib
from datetime import datetime

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from infra.mongo.client import Database
from schemas.documents.text_budgets import TextBudgetDocument, budget_key


class TextBudgetsRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["text_budgets"]

    async def _ensure(self, organisation_id: str, month: str) -> None:
        document = TextBudgetDocument(
            id=budget_key(organisation_id, month), organisation_id=organisation_id, month=month
        )
        with contextlib.suppress(DuplicateKeyError):  # it exists: the usual case
            await self._collection.insert_one(document.to_mongo())

    async def take(self, organisation_id: str, month: str, *, limit: int) -> int | None:
        """One text under the limit, by one conditional `$inc`; the count after, or None when spent."""
        await self._ensure(organisation_id, month)
        raw = await self._collection.find_one_and_update(
            {"_id": budget_key(organisation_id, month), "sent": {"$lt": limit}},
            {"$inc": {"sent": 1}},
            return_document=ReturnDocument.AFTER,
        )
        return int(raw["sent"]) if raw else None

    async def count(self, organisation_id: str, month: str) -> int:
        """One text whatever the limit (a helpline reply); the count after."""
        await self._ensure(organisation_id, month)
        raw = await self._collection.find_one_and_update(
            {"_id": budget_key(organisation_id, month)}, {"$inc": {"sent": 1}}, return_document=ReturnDocument.AFTER
        )
        return int(raw["sent"]) if raw else 0

    async def give_back(self, organisation_id: str, month: str) -> None:
        """A text that was not sent after all (Twilio refused it, or it waits for a retry)."""
        await self._collection.update_one(
            {"_id": budget_key(organisation_id, month), "sent": {"$gt": 0}}, {"$inc": {"sent": -1}}
        )

    async def mark_warned(self, organisation_id: str, month: str, *, now: datetime) -> bool:
        """True for the one caller that records the month's 80% warning."""
        result = await self._collection.update_one(
            {"_id": budget_key(organisation_id, month), "warned_at": None}, {"$set": {"warned_at": now}}
        )
        return result.modified_count == 1

    async def get(self, organisation_id: str, month: str) -> TextBudgetDocument | None:
        raw = await self._collection.find_one({"_id": budget_key(organisation_id, month)})
        return TextBudgetDocument.from_mongo(raw) if raw else None
