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

    async def due_for_paging(self, now: datetime, *, limit: int) -> list[SafeguardingAlertDocument]:
        """Alerts whose next page is due, oldest first (the `page_due` index)."""
        cursor = (
            self._collection.find({"page_due_at": {"$lte": now}}).sort([("page_due_at", 1), ("_id", 1)]).limit(limit)
        )
        return [SafeguardingAlertDocument.from_mongo(raw) async for raw in cursor]

    async def advance_paging(
        self, alert_id: str, *, step: int, organisation_id: str | None, next_due: datetime | None
    ) -> bool:
        """Step `step` was paged: move on to the next (or stop, with `next_due` None). False when another
        worker moved it on first, or it was acknowledged meanwhile (`page_due_at` cleared).
        """
        result = await self._collection.update_one(
            {"_id": alert_id, "page_step": step, "page_due_at": {"$ne": None}},
            {"$set": {"page_step": step + 1, "page_due_at": next_due, "organisation_id": organisation_id}},
        )
        return result.modified_count == 1

    async def stop_paging(self, alert_id: str) -> None:
        """Nothing more to page about (answered, or nobody is left to climb to)."""
        await self._collection.update_one({"_id": alert_id}, {"$set": {"page_due_at": None}})

    async def routed_between(
        self, organisation_id: str, start: datetime, end: datetime
    ) -> list[SafeguardingAlertDocument]:
        """An organisation's alerts raised in [start, end): the `organisation_month` index."""
        cursor = self._collection.find(
            {"organisation_id": organisation_id, "created_at": {"$gte": start, "$lt": end}},
            {"resolution_note": 0},  # never needed for figures
        )
        return [SafeguardingAlertDocument.from_mongo(raw) async for raw in cursor]

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

    async def created_between(self, *, start: datetime, end: datetime) -> list[SafeguardingAlertDocument]:
        """Alerts raised in [start, end), in any status: the impact report's time to acknowledge."""
        cursor = self._collection.find({"created_at": {"$gte": start, "$lt": end}})
        return [SafeguardingAlertDocument.from_mongo(raw) async for raw in cursor]
