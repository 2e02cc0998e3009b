"""The `push_claims` collection: numbered, exclusive claims on delivering a notification."""

from __future__ import annotations

from datetime import datetime, timedelta

from pymongo import DESCENDING
from pymongo.errors import DuplicateKeyError

from infra.mongo.client import Database
from schemas.documents.push_claims import PushClaimDocument, claim_key

_KEEP = timedelta(days=2)


class PushClaimsRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["push_claims"]

    async def take(
        self, notification_id: str, *, claim: str, now: datetime, until: datetime
    ) -> PushClaimDocument | None:
        """The next claim on the notification, unless one is live; None when another worker holds it.

        The number follows the latest claim; two workers reading the same latest
        try the same number, and the unique `_id` lets only one insert it.
        """
        latest = await self._collection.find_one({"notification_id": notification_id}, sort=[("number", DESCENDING)])
        if latest is not None and latest["until"] > now:
            return None
        number = latest["number"] + 1 if latest is not None else 1
        taken = PushClaimDocument(
            id=claim_key(notification_id, number), notification_id=notification_id, number=number, claim=claim,
            until=until, created_at=now, expires_at=now + _KEEP,
        )  # fmt: skip
        try:
            await self._collection.insert_one(taken.to_mongo())
        except DuplicateKeyError:
            return None
        return taken

    async def release(self, taken: PushClaimDocument, *, now: datetime) -> None:
        """End the claim now, so the next step (a retry, a deferred push) need not wait for it to lapse."""
        query = {"_id": taken.id, "notification_id": taken.notification_id, "claim": taken.claim}  # the shard key too
        await self._collection.update_one(query, {"$set": {"until": now}})

    async def purge_expired(self, *, now: datetime) -> int:
        result = await self._collection.delete_many({"expires_at": {"$lt": now}})
        return result.deleted_count
