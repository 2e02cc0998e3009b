"""The `worker_heartbeats` collection."""

from __future__ import annotations

from datetime import datetime

from infra.mongo.client import Database
from schemas.documents.worker_heartbeats import WorkerHeartbeatDocument


class WorkerHeartbeatsRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["worker_heartbeats"]

    async def record(self, task: str, *, at: datetime, hostname: str) -> None:
        await self._collection.update_one(
            {"_id": task},
            {"$set": {"last_run_at": at, "hostname": hostname}, "$inc": {"runs": 1}},
            upsert=True,
        )

    async def get(self, task: str) -> WorkerHeartbeatDocument | None:
        raw = await self._collection.find_one({"_id": task})
        return WorkerHeartbeatDocument.from_mongo(raw) if raw else None
