"""The `console_actions` collection: append-only, so there is no update or delete here."""

from __future__ import annotations

from infra.mongo.client import Database
from infra.mongo.pagination import after_filter, sort_spec
from schemas.documents.console_actions import ConsoleActionDocument
from schemas.pagination import Keyset, Page, page_of


class ConsoleActionsRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["console_actions"]

    async def append(self, entry: ConsoleActionDocument) -> None:
        await self._collection.insert_one(entry.to_mongo())

    async def page(self, *, after: Keyset | None, first: int) -> Page[ConsoleActionDocument]:
        """Newest first (index `recent`)."""
        query = after_filter("at", after, descending=True)
        cursor = self._collection.find(query).sort(sort_spec("at", descending=True)).limit(first + 1)
        return page_of([ConsoleActionDocument.from_mongo(raw) async for raw in cursor], first)
