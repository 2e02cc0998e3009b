"""The `local_services` collection: an organisation's services, as its Open Referral UK feed lists them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pymongo import ASCENDING
from pymongo.errors import DuplicateKeyError

from infra.mongo.client import Database
from schemas.documents.local_services import LocalServiceDocument

LISTED_MAX = 500  # an organisation's services shown at once


class LocalServicesRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["local_services"]

    async def upsert(self, service: LocalServiceDocument) -> None:
        """Insert or update by (organisation, source id): one command, so a re-import (or two at once)
        leaves one document per service; the stored `_id` never changes.
        """
        fields: dict[str, Any] = service.to_mongo()
        fields.pop("_id")
        try:
            await self._collection.update_one(
                {"organisation_id": service.organisation_id, "source_id": service.source_id},
                {"$set": fields, "$setOnInsert": {"_id": service.id}},
                upsert=True,
            )
        except DuplicateKeyError:
            # A concurrent import inserted it between our miss and our insert: update what it wrote.
            await self._collection.update_one(
                {"organisation_id": service.organisation_id, "source_id": service.source_id}, {"$set": fields}
            )

    async def mark_removed_except(self, organisation_id: str, source_ids: Sequence[str], *, now: datetime) -> int:
        """Mark every service of the organisation not in `source_ids` removed; how many newly were."""
        result = await self._collection.update_many(
            {"organisation_id": organisation_id, "source_id": {"$nin": list(source_ids)}, "removed": False},
            {"$set": {"removed": True, "imported_at": now}},
        )
        return result.modified_count

    async def listed(self, organisation_id: str, *, include_removed: bool = False) -> list[LocalServiceDocument]:
        """The organisation's services by name (then source id); removed ones only when asked."""
        query: dict[str, Any] = {"organisation_id": organisation_id}
        if not include_removed:
            query["removed"] = False
        cursor = self._collection.find(query).sort([("name", ASCENDING), ("source_id", ASCENDING)]).limit(LISTED_MAX)
        return [LocalServiceDocument.from_mongo(raw) async for raw in cursor]

    async def get(self, service_id: str) -> LocalServiceDocument | None:
        raw = await self._collection.find_one({"_id": service_id})
        return LocalServiceDocument.from_mongo(raw) if raw else None

    async def get_many(self, service_ids: Sequence[str]) -> list[LocalServiceDocument]:
        """Services by id, removed ones too, in no particular order; missing ids are left out."""
        cursor = self._collection.find({"_id": {"$in": list(service_ids)}})
        return [LocalServiceDocument.from_mongo(raw) async for raw in cursor]

    async def listed_for(self, organisation_ids: Sequence[str], *, limit: int) -> list[LocalServiceDocument]:
        """The services of these organisations members may see (not removed), by organisation then name."""
        cursor = (
            self._collection.find({"organisation_id": {"$in": list(organisation_ids)}, "removed": False})
            .sort([("organisation_id", ASCENDING), ("name", ASCENDING), ("source_id", ASCENDING)])
            .limit(limit)
        )
        return [LocalServiceDocument.from_mongo(raw) async for raw in cursor]


__all__ = ["LISTED_MAX", "LocalServicesRepository"]
