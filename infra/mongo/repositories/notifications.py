"""The `notifications` collection: the outbox (push state) and the member's inbox."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pymongo.errors import BulkWriteError, DuplicateKeyError

from infra.mongo.client import Database
from infra.mongo.pagination import after_filter, sort_spec
from schemas.documents.notifications import DeviceDelivery, NotificationDocument, PushStatus
from schemas.pagination import Keyset, Page, page_of

_DUPLICATE_KEY = 11000


@dataclass(frozen=True)
class PushOutcome:
    """How one try of a push ended. `not_before`: when a held one may go (None once terminal);
    `attempts`, `deliveries` and `sent_at` when a send was tried (left as they are otherwise).
    """

    status: PushStatus
    not_before: datetime | None = None
    last_error: str | None = None
    attempts: int | None = None
    deliveries: Mapping[str, DeviceDelivery] = field(default_factory=dict)
    sent_at: datetime | None = None


class NotificationsRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["notifications"]

    async def insert_if_new(self, notification: NotificationDocument) -> bool:
        """Insert unless one with the same `dedupe_key` exists; True when inserted."""
        try:
            await self._collection.insert_one(notification.to_mongo())
        except DuplicateKeyError:
            return False
        return True

    async def insert_many_if_new(self, notifications: Sequence[NotificationDocument]) -> int:
        """Insert each unless its `dedupe_key` exists (one command, unordered); how many were inserted."""
        return len(await self.insert_new(notifications))

    async def insert_new(self, notifications: Sequence[NotificationDocument]) -> list[NotificationDocument]:
        """Insert each unless its `dedupe_key` exists (one command, unordered); the ones inserted."""
        if not notifications:
            return []
        try:
            await self._collection.insert_many([n.to_mongo() for n in notifications], ordered=False)
        except BulkWriteError as error:
            errors = error.details.get("writeErrors", [])
            if any(e.get("code") != _DUPLICATE_KEY for e in errors):
                raise
            skipped = {e["index"] for e in errors}
            return [n for index, n in enumerate(notifications) if index not in skipped]
        return list(notifications)

    async def get(self, notification_id: str, *, member_id: str | None) -> NotificationDocument | None:
        """By id, and by recipient when known: the shard key, so one shard answers (infra/mongo/sharding.py)."""
        raw = await self._collection.find_one(_one(notification_id, member_id))
        return NotificationDocument.from_mongo(raw) if raw else None

    # The push state machine: every transition is a conditional update on one document.

    async def mark_sending(
        self, notification: NotificationDocument, *, claim: str, now: datetime, until: datetime
    ) -> None:
        """Record who is delivering it, and until when (the holder of a push claim calls this)."""
        changes = {"push.status": PushStatus.SENDING, "push.claim": claim, "push.not_before": until}
        query = _one(notification.id, notification.member_id)
        await self._collection.update_one(query, {"$set": {**changes, "push.updated_at": now}})

    async def record_push_outcome(
        self, notification: NotificationDocument, *, claim: str, outcome: PushOutcome, now: datetime
    ) -> bool:
        """Write how a try ended and release the claim; False when the claim lapsed and another
        worker took over (nothing is written then).
        """
        changes: dict[str, Any] = {
            "push.status": outcome.status,
            "push.claim": None,
            "push.updated_at": now,
            "push.not_before": outcome.not_before,
            "push.last_error": outcome.last_error,
            **{f"push.deliveries.{device}": delivery.model_dump() for device, delivery in outcome.deliveries.items()},
        }
        if outcome.attempts is not None:
            changes["push.attempts"] = outcome.attempts
        if outcome.sent_at is not None:
            changes["push.sent_at"] = outcome.sent_at
        query = _one(notification.id, notification.member_id) | {"push.claim": claim}
        result = await self._collection.update_one(query, {"$set": changes})
        return result.modified_count == 1

    async def due(
        self, status: PushStatus, *, before: datetime, limit: int, after: Keyset | None = None
    ) -> list[tuple[str, datetime, str]]:
        """(id, not_before, member id) in `status` with `not_before` at or before `before`, oldest
        first, keyset-paginated on (not_before, _id): the push_due index's own order and fields.
        """
        query = {
            "push.status": status,
            "push.not_before": {"$lte": before},
            **after_filter("push.not_before", after, descending=False),
        }
        cursor = (
            self._collection.find(query, {"_id": 1, "push.not_before": 1, "member_id": 1})
            .sort(sort_spec("push.not_before", descending=False))
            .limit(limit)
        )
        return [(raw["_id"], raw["push"]["not_before"], raw["member_id"]) async for raw in cursor]

    async def make_deferred_due(self, member_id: str, *, now: datetime) -> int:
        """Let every held push of a member be decided again (their preferences changed), but
        one whose own release time has not come: it keeps it.
        """
        released = {"$or": [{"push.release_at": None}, {"push.release_at": {"$lte": now}}]}
        query = {"member_id": member_id, "push.status": PushStatus.DEFERRED, **released}
        result = await self._collection.update_many(query, {"$set": {"push.not_before": now}})
        return result.modified_count

    # The inbox.

    async def inbox(self, member_id: str, *, first: int, after: Keyset | None) -> Page[NotificationDocument]:
        """Newest first, keyset-paginated on (created_at, _id) (index inbox)."""
        query = {"member_id": member_id, **after_filter("created_at", after, descending=True)}
        cursor = self._collection.find(query).sort(sort_spec("created_at", descending=True)).limit(first + 1)
        return page_of([NotificationDocument.from_mongo(raw) async for raw in cursor], first)

    async def mark_read(self, member_id: str, ids: Sequence[str], *, now: datetime) -> None:
        """Only the member's own, and only those still unread (the first read time stays)."""
        query = {"_id": {"$in": list(ids)}, "member_id": member_id, "read_at": None}
        await self._collection.update_many(query, {"$set": {"read_at": now}})

    async def get_many_for_member(self, member_id: str, ids: Sequence[str]) -> list[NotificationDocument]:
        cursor = self._collection.find({"_id": {"$in": list(ids)}, "member_id": member_id})
        return [NotificationDocument.from_mongo(raw) async for raw in cursor]

    async def unread_count(self, member_id: str, *, limit: int) -> int:
        """Unread notifications, counted up to `limit` (index unread)."""
        return await self._collection.count_documents({"member_id": member_id, "read_at": None}, limit=limit)


def _one(notification_id: str, member_id: str | None) -> dict[str, Any]:
    return {"_id": notification_id} | ({"member_id": member_id} if member_id is not None else {})
