"""Break-glass: `author_reveal_requests`, and the append-only `author_reveal_audit` (no update, no delete)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from infra.mongo.client import Database
from schemas.documents.author_reveals import (
    AuthorRevealAuditDocument,
    AuthorRevealRequestDocument,
    RevealStatus,
)


class AuditStepTakenError(Exception):
    """This step of this request is already in the audit log: it happens once."""


class AuthorRevealsRepository:
    def __init__(self, db: Database) -> None:
        self._requests = db["author_reveal_requests"]
        self._audit = db["author_reveal_audit"]

    async def insert_request(self, request: AuthorRevealRequestDocument) -> None:
        await self._requests.insert_one(request.to_mongo())

    async def get_request(self, request_id: str) -> AuthorRevealRequestDocument | None:
        raw = await self._requests.find_one({"_id": request_id})
        return AuthorRevealRequestDocument.from_mongo(raw) if raw else None

    async def waiting(
        self, *, now: datetime, limit: int, group_ids: list[str] | None = None
    ) -> list[AuthorRevealRequestDocument]:
        """Pending requests not yet expired, the soonest to expire first (index `waiting`); only those
        about these groups when given (an organisation's: few pending, so the index still serves).
        """
        query: dict[str, Any] = {"status": RevealStatus.PENDING.value, "expires_at": {"$gt": now}}
        if group_ids is not None:
            query["group_id"] = {"$in": group_ids}
        cursor = self._requests.find(query).sort([("expires_at", 1), ("_id", 1)]).limit(limit)
        return [AuthorRevealRequestDocument.from_mongo(raw) async for raw in cursor]

    async def mark_approved(self, request_id: str, *, by: str, now: datetime) -> AuthorRevealRequestDocument | None:
        raw = await self._requests.find_one_and_update(
            {"_id": request_id, "status": RevealStatus.PENDING.value},
            {"$set": {"status": RevealStatus.APPROVED.value, "approved_by": by, "approved_at": now}},
            return_document=ReturnDocument.AFTER,
        )
        return AuthorRevealRequestDocument.from_mongo(raw) if raw else None

    async def append_audit(self, entry: AuthorRevealAuditDocument) -> None:
        """Insert only; the `_id` ("<step>:<request>") makes each step happen once, on any store."""
        try:
            await self._audit.insert_one(entry.to_mongo())
        except DuplicateKeyError as error:
            raise AuditStepTakenError(entry.id) from error

    async def audit_for(self, request_id: str) -> list[AuthorRevealAuditDocument]:
        cursor = self._audit.find({"request_id": request_id}).sort("at", 1)
        return [AuthorRevealAuditDocument.from_mongo(raw) async for raw in cursor]
