"""The `message_reports` collection: one per (message, reporter), for safeguarding staff."""

from __future__ import annotations

from collections.abc import Sequence

from pymongo.errors import DuplicateKeyError

from infra.mongo.client import Database
from schemas.documents.message_reports import MessageReportDocument


class MessageReportExistsError(Exception):
    """This member has reported this message already."""


class MessageReportsRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["message_reports"]

    async def insert(self, report: MessageReportDocument) -> None:
        try:
            await self._collection.insert_one(report.to_mongo())
        except DuplicateKeyError as error:
            raise MessageReportExistsError(report.message_id) from error

    async def for_messages(self, message_ids: Sequence[str]) -> list[MessageReportDocument]:
        """Reports of these messages, oldest first: what staff read beside an alert."""
        cursor = self._collection.find({"message_id": {"$in": list(message_ids)}}).sort([("created_at", 1), ("_id", 1)])
        return [MessageReportDocument.from_mongo(raw) async for raw in cursor]
