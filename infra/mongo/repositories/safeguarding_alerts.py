"""The `safeguarding_alerts` collection: trained staff's queue across all groups."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from infra.mongo.client import Database
from infra.mongo.pagination import after_filter, sort_spec
from schemas.documents.safeguarding_alerts import AlertStatus, SafeguardingAlertDocument
from schemas.pagination import Keyset, Page, page_of


class SafeguardingAlertsRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["safeguarding_alerts"]

    async def insert_if_new(self, alert: SafeguardingAlertDocument) -> bool:
        """Insert unless an alert for the same source exists (unique `source_key`); True when inserted."""
        try:
            await self._collection.insert_one(alert.to_mongo())
        except DuplicateKeyError:
            return False
        return True

    async def get(self, alert_id: str) -> SafeguardingAlertDocument | None:
        raw = await self._collection.find_one({"_id": alert_id})
        return SafeguardingAlertDocument.from_mongo(raw) if raw else None

    async def page(
        self,
        *,
        statuses: Sequence[AlertStatus],
        after: Keyset | None,
        first: int,
        group_ids: Sequence[str] | None = None,
    ) -> Page[SafeguardingAlertDocument]:
        """Newest first (index queue; group_queue when only these groups' alerts are wanted)."""
        query: dict[str, Any] = {"status": {"$in": [s.value for s in statuses]}}
        if group_ids is not None:
            query["group_id"] = {"$in": list(group_ids)}
        query |= after_filter("created_at", after, descending=True)
        cursor = self._collection.find(query).sort(sort_spec("created_at", descending=True)).limit(first + 1)
        return page_of([SafeguardingAlertDocument.from_mongo(raw) async for raw in cursor], first)

    async def acknowledge(self, alert_id: str, *, staff_id: str, now: datetime) -> SafeguardingAlertDocument | None:
        """A staff member takes an open alert; None when it was not open."""
        # Acknowledged: the on-call chain stops climbing.
        changes = {
            "status": AlertStatus.ACKNOWLEDGED.value, "acknowledged_by": staff_id, "acknowledged_at": now,
            "page_due_at": None,
        }  # fmt: skip
        return await self._move(alert_id, from_statuses=(AlertStatus.OPEN,), changes=changes, now=now)

    async def resolve(
        self, alert_id: str, *, staff_id: str, note: str, now: datetime
    ) -> SafeguardingAlertDocument | None:
        """Close an open or taken alert with a note; None when it was already resolved."""
        changes = {
            "status": AlertStatus.RESOLVED.value,
            "resolved_by": staff_id,
            "resolved_at": now,
            "page_due_at": None,
        }
        from_statuses = (AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED)
        return await self._move(
            alert_id, from_statuses=from_statuses, changes=changes | {"resolution_note": note}, now=now
        )

    async def _move(
        self, alert_id: str, *, from_statuses: Sequence[AlertStatus], changes: dict[str, Any], now: datetime
    ) -> SafeguardingAlertDocument | None:
        """Move the alert on from one of `from_statuses`; None when it was in none of them
        (exclusive on MongoDB; FerretDB 1.24 updates query-then-write).
        """
        raw = await self._collection.find_one_and_update(
            {"_id": alert_id, "status": {"$in": [s.value for s in from_statuses]}},
            {"$set": {**changes, "updated_at": now}},
            return_document=ReturnDocument.AFTER,
        )
        return SafeguardingAlertDocument.from_mongo(raw) if raw else None
