"""The `moderation_actions` collection: append-only, so there is no update or delete here."""

from __future__ import annotations

from infra.mongo.client import Database
from schemas.documents.moderation_actions import ModerationActionDocument


class ModerationActionsRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["moderation_actions"]

    async def append(self, action: ModerationActionDocument) -> None:
        await self._collection.insert_one(action.to_mongo())
