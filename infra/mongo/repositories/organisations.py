"""The `organisations` collection: the bodies that host groups."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from pymongo import ReturnDocument

from infra.mongo.client import Database
from schemas.documents.organisations import OrganisationDocument


class OrganisationsRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["organisations"]

    async def insert(self, organisation: OrganisationDocument) -> None:
        await self._collection.insert_one(organisation.to_mongo())

    async def get(self, organisation_id: str) -> OrganisationDocument | None:
        raw = await self._collection.find_one({"_id": organisation_id})
        return OrganisationDocument.from_mongo(raw) if raw else None

    async def set_text_budget(self, organisation_id: str, budget: int | None, *, now: datetime) -> None:
        await self._collection.update_one(
            {"_id": organisation_id}, {"$set": {"text_monthly_budget": budget, "updated_at": now}}
        )

    async def text_budget(self, organisation_id: str) -> int | None:
        """Its own monthly text budget, if it set one (None also when there is no such organisation)."""
        raw = await self._collection.find_one({"_id": organisation_id}, {"text_monthly_budget": 1})
        value = raw.get("text_monthly_budget") if raw else None
        return int(value) if value is not None else None

    async def get_many(self, organisation_ids: Sequence[str]) -> list[OrganisationDocument]:
        """By id, in no particular order; missing ids are left out."""
        cursor = self._collection.find({"_id": {"$in": list(organisation_ids)}})
        return [OrganisationDocument.from_mongo(raw) async for raw in cursor]

    async def set_services_feed(
        self, organisation_id: str, feed_url: str | None, *, now: datetime
    ) -> OrganisationDocument | None:
        raw = await self._collection.find_one_and_update(
            {"_id": organisation_id},
            {"$set": {"services_feed_url": feed_url, "updated_at": now}},
            return_document=ReturnDocument.AFTER,
        )
        return OrganisationDocument.from_mongo(raw) if raw else None

    async def with_services_feed(self) -> list[OrganisationDocument]:
        """Every organisation that gave a feed (a few hundred at most), for the scheduled import."""
        cursor = self._collection.find({"services_feed_url": {"$type": "string"}}).sort("_id", 1)
        return [OrganisationDocument.from_mongo(raw) async for raw in cursor]
