"""The `staff_alerts` collection."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from pymongo.errors import DuplicateKeyError

from infra.mongo.client import Database
from infra.mongo.pagination import after_filter, sort_spec
from schemas.documents.staff_alerts import StaffAlertDocument, StaffAlertKind, StaffAlertStatus, open_key
from schemas.pagination import Keyset, Page, page_of


class StaffAlertsRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["staff_alerts"]

    async def raise_if_new(self, alert: StaffAlertDocument) -> bool:
        """Insert unless one is open for the same group and kind (unique `open_key`); True when inserted."""
        try:
            await self._collection.insert_one(alert.to_mongo())
        except DuplicateKeyError:
            return False
        return True

    async def open_for_groups(self, kind: StaffAlertKind, group_ids: Sequence[str]) -> list[StaffAlertDocument]:
        """The open alerts of this kind for these groups: one `$in` on the unique key."""
        keys = [open_key(kind, group_id) for group_id in group_ids]
        return [StaffAlertDocument.from_mongo(raw) async for raw in self._collection.find({"open_key": {"$in": keys}})]

    async def resolve(self, alert: StaffAlertDocument, *, now: datetime) -> bool:
        """Close an open alert and free its key; False when it was already closed."""
        result = await self._collection.update_one(
            {"_id": alert.id, "status": StaffAlertStatus.OPEN.value},
            {
                "$set": {
                    "status": StaffAlertStatus.RESOLVED.value,
                    "open_key": f"{alert.open_key}:{alert.id}",
                    "resolved_at": now,
                }
            },
        )
        return result.modified_count == 1

    async def resolve_open(self, kind: StaffAlertKind, subject_id: str, *, now: datetime) -> bool:
        """Resolve the open alert of this kind about a group or thread, if there is one."""
        raw = await self._collection.find_one({"open_key": open_key(kind, subject_id)})
        return raw is not None and await self.resolve(StaffAlertDocument.from_mongo(raw), now=now)

    async def page(self, status: StaffAlertStatus, *, first: int, after: Keyset | None) -> Page[StaffAlertDocument]:
        """Alerts in one status, newest first."""
        query = {"status": status.value, **after_filter("created_at", after, descending=True)}
        cursor = self._collection.find(query).sort(sort_spec("created_at", descending=True)).limit(first + 1)
        return page_of([StaffAlertDocument.from_mongo(raw) async for raw in cursor], first)
