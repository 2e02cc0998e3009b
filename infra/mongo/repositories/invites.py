"""The `invites` collection: looked up only by the hash of a code."""

from __future__ import annotations

from datetime import datetime

from pymongo import ReturnDocument

from infra.mongo.client import Database
from schemas.documents.invites import InviteDocument


class InvitesRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["invites"]

    async def insert(self, invite: InviteDocument) -> None:
        await self._collection.insert_one(invite.to_mongo())

    async def get_by_code_hash(self, code_hash: str) -> InviteDocument | None:
        raw = await self._collection.find_one({"code_hash": code_hash})
        return InviteDocument.from_mongo(raw) if raw else None

    async def use(self, code_hash: str, *, now: datetime) -> InviteDocument | None:
        """Take one use if the invite is unexpired and not used up; None otherwise.
        One conditional update: atomic on MongoDB (not on FerretDB, pitfall F10).
        """
        raw = await self._collection.find_one_and_update(
            {"code_hash": code_hash, "uses_left": {"$gt": 0}, "expires_at": {"$gt": now}},
            {"$inc": {"uses_left": -1}},
            return_document=ReturnDocument.AFTER,
        )
        return InviteDocument.from_mongo(raw) if raw else None

    async def give_back(self, invite_id: str) -> None:
        """Return a use taken for a join that then failed."""
        await self._collection.update_one({"_id": invite_id}, {"$inc": {"uses_left": 1}})
