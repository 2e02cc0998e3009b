"""The `messages` collection, sharded by `thread_id`: every read and write names the thread."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from infra.mongo.client import Database
from infra.mongo.pagination import after_filter, sort_spec
from schemas.documents.messages import MessageDocument
from schemas.documents.safeguarding_alerts import RiskLevel
from schemas.pagination import Keyset, Page, page_of

HISTORY = "created_at"


class MessageKeyTakenError(Exception):
    """A message with this client key is in the thread already."""


class MessagesRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["messages"]

    async def insert(self, message: MessageDocument) -> None:
        try:
            await self._collection.insert_one(message.to_mongo())
        except DuplicateKeyError as error:
            raise MessageKeyTakenError(message.client_key) from error

    async def get(self, message_id: str) -> MessageDocument | None:
        """By id alone (the API's messageId): reaches every shard, once per call."""
        raw = await self._collection.find_one({"_id": message_id})
        return MessageDocument.from_mongo(raw) if raw else None

    async def get_many(self, message_ids: Sequence[str]) -> list[MessageDocument]:
        cursor = self._collection.find({"_id": {"$in": list(message_ids)}})
        return [MessageDocument.from_mongo(raw) async for raw in cursor]

    async def get_in_thread(self, thread_id: str, message_id: str) -> MessageDocument | None:
        raw = await self._collection.find_one({"thread_id": thread_id, "_id": message_id})
        return MessageDocument.from_mongo(raw) if raw else None

    async def get_by_key(self, thread_id: str, client_key: str) -> MessageDocument | None:
        raw = await self._collection.find_one({"thread_id": thread_id, "client_key": client_key})
        return MessageDocument.from_mongo(raw) if raw else None

    async def page(self, thread_id: str, *, after: Keyset | None, first: int) -> Page[MessageDocument]:
        """A thread's messages, newest first (index thread_history)."""
        query: dict[str, Any] = {"thread_id": thread_id} | after_filter(HISTORY, after, descending=True)
        cursor = self._collection.find(query).sort(sort_spec(HISTORY, descending=True)).limit(first + 1)
        return page_of([MessageDocument.from_mongo(raw) async for raw in cursor], first)

    async def edit(
        self, message: MessageDocument, *, body: str, risk_level: RiskLevel, at: datetime
    ) -> MessageDocument | None:
        """New words for a message not deleted; None when it was deleted meanwhile."""
        return await self._change(message, {"body": body, "risk_level": risk_level.value, "edited_at": at})

    async def delete(self, message: MessageDocument, *, at: datetime) -> MessageDocument | None:
        """Its words go for good; its place stays. None when it was deleted already."""
        return await self._change(message, {"body": "", "deleted_at": at})

    async def _change(self, message: MessageDocument, changes: dict[str, Any]) -> MessageDocument | None:
        raw = await self._collection.find_one_and_update(
            {"thread_id": message.thread_id, "_id": message.id, "deleted_at": None},
            {"$set": changes},
            return_document=ReturnDocument.AFTER,
        )
        return MessageDocument.from_mongo(raw) if raw else None
