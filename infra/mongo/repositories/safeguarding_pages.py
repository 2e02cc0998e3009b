"""The `safeguarding_pages` collection: one document per step of an alert's on-call chain."""

from __future__ import annotations

from datetime import datetime

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from infra.mongo.client import Database
from schemas.documents.safeguarding_pages import EmailStatus, SafeguardingPageDocument


class SafeguardingPagesRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["safeguarding_pages"]

    async def record(self, page: SafeguardingPageDocument) -> SafeguardingPageDocument:
        """Insert the step, or return the one already recorded (unique `dedupe_key`)."""
        try:
            await self._collection.insert_one(page.to_mongo())
        except DuplicateKeyError:
            raw = await self._collection.find_one({"dedupe_key": page.dedupe_key})
            if raw is None:  # pragma: no cover - the key was just held; it is never deleted but with the alert
                raise
            return SafeguardingPageDocument.from_mongo(raw)
        return page

    async def claim_email(self, page_id: str, *, now: datetime, until: datetime) -> SafeguardingPageDocument | None:
        """Take the page's unsent email if nobody holds it (or their claim lapsed); None otherwise."""
        raw = await self._collection.find_one_and_update(
            {
                "_id": page_id,
                "email_status": EmailStatus.PENDING.value,
                "$or": [{"email_claimed_until": None}, {"email_claimed_until": {"$lte": now}}],
            },
            {"$set": {"email_claimed_until": until}},
            return_document=ReturnDocument.AFTER,
        )
        return SafeguardingPageDocument.from_mongo(raw) if raw else None

    async def email_sent(self, page_id: str, *, now: datetime) -> None:
        await self._collection.update_one(
            {"_id": page_id}, {"$set": {"email_status": EmailStatus.SENT.value, "email_sent_at": now}}
        )

    async def emails_due(self, now: datetime, *, limit: int) -> list[SafeguardingPageDocument]:
        """Pages whose email is unsent and unclaimed (or whose claim lapsed): the `email_due` index."""
        query = {"email_status": EmailStatus.PENDING.value, "$or": [{"email_claimed_until": None},
                 {"email_claimed_until": {"$lte": now}}]}  # fmt: skip
        cursor = self._collection.find(query).sort([("paged_at", 1), ("_id", 1)]).limit(limit)
        return [SafeguardingPageDocument.from_mongo(raw) async for raw in cursor]

    async def for_alert(self, alert_id: str) -> list[SafeguardingPageDocument]:
        cursor = self._collection.find({"alert_id": alert_id}).sort([("step", 1)])
        return [SafeguardingPageDocument.from_mongo(raw) async for raw in cursor]

    async def for_alerts(self, alert_ids: list[str]) -> list[SafeguardingPageDocument]:
        """Every page of these alerts, by alert and step: one `$in` query (none when no ids)."""
        if not alert_ids:
            return []
        cursor = self._collection.find({"alert_id": {"$in": alert_ids}}).sort([("alert_id", 1), ("step", 1)])
        return [SafeguardingPageDocument.from_mongo(raw) async for raw in cursor]

    async def acknowledged(self, alert_id: str, *, by: str, now: datetime) -> None:
        """Record on every page of the alert who acknowledged it and when (the first time only)."""
        await self._collection.update_many(
            {"alert_id": alert_id, "acknowledged_at": None}, {"$set": {"acknowledged_at": now, "acknowledged_by": by}}
        )
