"""The `reactions` collection: unique (target, reactor_key, kind)."""

from __future__ import annotations

from collections.abc import Sequence

from pymongo.errors import DuplicateKeyError

from infra.mongo.client import Database
from schemas.documents.reactions import ReactionDocument
from schemas.documents.shares import ReactionKind


class ReactionExistsError(Exception):
    """This member already gave this reaction to this share."""


class ReactionsRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["reactions"]

    async def insert(self, reaction: ReactionDocument) -> None:
        try:
            await self._collection.insert_one(reaction.to_mongo())
        except DuplicateKeyError as error:
            raise ReactionExistsError(reaction.kind.value) from error

    async def delete(self, target_id: str, reactor_key: str, kind: ReactionKind) -> bool:
        result = await self._collection.delete_one(
            {"target_id": target_id, "reactor_key": reactor_key, "kind": kind.value}
        )
        return result.deleted_count == 1

    async def kinds_by_target(self, target_ids: Sequence[str], reactor_key: str) -> dict[str, set[ReactionKind]]:
        """The reactions one member gave to these shares: one `$in` query."""
        found: dict[str, set[ReactionKind]] = {}
        cursor = self._collection.find({"target_id": {"$in": list(target_ids)}, "reactor_key": reactor_key})
        async for raw in cursor:
            found.setdefault(raw["target_id"], set()).add(ReactionKind(raw["kind"]))
        return found

    async def delete_for_targets(self, target_ids: Sequence[str]) -> None:
        await self._collection.delete_many({"target_id": {"$in": list(target_ids)}})
