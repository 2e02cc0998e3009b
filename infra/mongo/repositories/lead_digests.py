"""The `lead_digests` collection: when each lead's daily digest is next due."""

from __future__ import annotations

from datetime import datetime

from infra.mongo.client import Database
from infra.mongo.pagination import after_filter, sort_spec
from schemas.documents.lead_digests import LeadDigestDocument
from schemas.pagination import Keyset


class LeadDigestsRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["lead_digests"]

    async def expect(self, lead_id: str, *, at: datetime, now: datetime) -> None:
        """Something waits for the lead: their digest is due at `at` (their next 09:00). Every writer
        computes the same 09:00, so concurrent writers agree.
        """
        await self._collection.update_one({"_id": lead_id}, {"$set": {"next_at": at, "updated_at": now}}, upsert=True)

    async def due(self, now: datetime, *, limit: int, after: Keyset | None) -> list[LeadDigestDocument]:
        """Leads whose digest is due, oldest first (index digest_due)."""
        query = {"next_at": {"$lte": now}, **after_filter("next_at", after, descending=False)}
        cursor = self._collection.find(query).sort(sort_spec("next_at", descending=False)).limit(limit)
        return [LeadDigestDocument.from_mongo(raw) async for raw in cursor]

    async def move(self, lead_id: str, *, at: datetime | None, was: datetime | None, now: datetime) -> None:
        """The next digest, unless something moved it from `was` meanwhile."""
        await self._collection.update_one(
            {"_id": lead_id, "next_at": was}, {"$set": {"next_at": at, "updated_at": now}}
        )
