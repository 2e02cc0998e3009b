"""The `reports` collection: one per (target, reporter), open until a moderator acts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pymongo.errors import DuplicateKeyError

from infra.mongo.client import Database
from infra.mongo.pagination import after_filter, sort_spec
from schemas.documents.reports import ReportDocument, ReportStatus
from schemas.pagination import Keyset, Page, page_of

WAITING = (ReportStatus.OPEN.value, ReportStatus.ESCALATED.value)


class ReportExistsError(Exception):
    """This member has already reported this target."""


class ReportsRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["reports"]

    async def insert(self, report: ReportDocument) -> None:
        try:
            await self._collection.insert_one(report.to_mongo())
        except DuplicateKeyError as error:
            raise ReportExistsError(report.target_id) from error

    async def get(self, report_id: str) -> ReportDocument | None:
        raw = await self._collection.find_one({"_id": report_id})
        return ReportDocument.from_mongo(raw) if raw else None

    async def get_many(self, report_ids: Sequence[str]) -> list[ReportDocument]:
        cursor = self._collection.find({"_id": {"$in": list(report_ids)}})
        return [ReportDocument.from_mongo(raw) async for raw in cursor]

    async def count_waiting(self, target_id: str, *, limit: int) -> int:
        """Distinct reporters of the target still waiting for review (unique target, reporter)."""
        return await self._collection.count_documents({"target_id": target_id, "status": {"$in": WAITING}}, limit=limit)

    async def waiting_in_groups(self, group_ids: Sequence[str], *, limit: int) -> list[tuple[str, datetime]]:
        """(group id, minute reported) of the reports waiting in these groups: for counts and ages."""
        query = {"group_id": {"$in": list(group_ids)}, "status": {"$in": WAITING}}
        cursor = self._collection.find(query, {"group_id": 1, "created_minute": 1}).limit(limit)
        return [(raw["group_id"], raw["created_minute"]) async for raw in cursor]

    async def page_waiting(self, group_id: str, *, after: Keyset | None, first: int) -> Page[ReportDocument]:
        """A group's reports waiting for review, oldest minute first, random within a minute (index group_queue)."""
        query: dict[str, Any] = {"group_id": group_id, "status": {"$in": WAITING}}
        query |= after_filter("created_minute", after, descending=False)
        cursor = self._collection.find(query).sort(sort_spec("created_minute", descending=False)).limit(first + 1)
        return page_of([ReportDocument.from_mongo(raw) async for raw in cursor], first)

    async def close_waiting(self, target_id: str, *, group_id: str, action_id: str, now: datetime) -> int:
        """Close every report of the target (in the group: a member is reported per group) still
        waiting: a moderator has acted on it.
        """
        result = await self._collection.update_many(
            {"target_id": target_id, "group_id": group_id, "status": {"$in": WAITING}},
            {"$set": {"status": ReportStatus.CLOSED.value, "closed_at": now, "closed_by_action_id": action_id}},
        )
        return result.modified_count

    async def close_waiting_for_targets(self, target_ids: Sequence[str], *, now: datetime) -> int:
        """Close what still waits on content its author deleted: there is nothing left to review."""
        result = await self._collection.update_many(
            {"target_id": {"$in": list(target_ids)}, "status": {"$in": WAITING}},
            {"$set": {"status": ReportStatus.CLOSED.value, "closed_at": now}},
        )
        return result.modified_count

    async def due_for_escalation(self, *, now: datetime, limit: int) -> list[ReportDocument]:
        """Open reports whose time with the leads is up, oldest first (index escalation)."""
        query = {"status": ReportStatus.OPEN.value, "escalate_at": {"$lte": now}}
        cursor = self._collection.find(query).sort("escalate_at", 1).limit(limit)
        return [ReportDocument.from_mongo(raw) async for raw in cursor]

    async def mark_escalated(self, report_id: str, *, now: datetime) -> bool:
        result = await self._collection.update_one(
            {"_id": report_id, "status": ReportStatus.OPEN.value},
            {"$set": {"status": ReportStatus.ESCALATED.value, "escalated_at": now}},
        )
        return result.modified_count == 1
