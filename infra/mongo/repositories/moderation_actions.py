"""The `moderation_actions` collection: append-only, so there is no update or delete here."""

from __future__ import annotations

from infra.mongo.client import Database
from infra.mongo.pagination import after_filter, sort_spec
from schemas.documents.moderation_actions import ModerationActionDocument
from schemas.pagination import Keyset, Page, page_of


class ModerationActionsRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["moderation_actions"]

    async def append(self, action: ModerationActionDocument) -> None:
        await self._collection.insert_one(action.to_mongo())

    async def page_for_group(
        self, group_id: str, *, after: Keyset | None, first: int
    ) -> Page[ModerationActionDocument]:
        """A group's log, newest first, keyset-paginated on (created_at, _id): the `group_log` index."""
        query = {"group_id": group_id, **after_filter("created_at", after, descending=True)}
        cursor = self._collection.find(query).sort(sort_spec("created_at", descending=True)).limit(first + 1)
        return page_of([ModerationActionDocument.from_mongo(raw) async for raw in cursor], first)
