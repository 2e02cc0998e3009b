"""The `support_resources` collection: written only by seeding from the reviewed file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pymongo.errors import DuplicateKeyError, PyMongoError

from infra.mongo.client import Database
from schemas.documents.support_resources import SupportResourceDocument


@dataclass(frozen=True)
class SyncOutcome:
    written: int  # inserted or replaced (replacing with the same content counts too)
    kept_newer: int  # a newer revision was stored: left alone
    removed: int  # no longer in the file


class SupportResourcesUnreadableError(Exception):
    """The store did not answer; the caller has the reviewed file to fall back on."""


class SupportResourcesRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["support_resources"]

    async def list_published(self) -> list[SupportResourceDocument]:
        """Every published resource, in no particular order: a few dozen documents,
        read by the API's background refresh, never on a member's request. One command.
        """
        try:
            cursor = self._collection.find({"published": True})
            return [SupportResourceDocument.from_mongo(raw) async for raw in cursor]
        except PyMongoError as error:
            raise SupportResourcesUnreadableError from error

    async def sync(self, resources: Sequence[SupportResourceDocument], *, revision: int) -> SyncOutcome:
        """Make the collection match one revision of the file, idempotently.

        Each entry is replaced by id only where the stored revision is not newer:
        when it is, the filter misses, the upsert collides on `_id` and is left
        alone, so an old API replica restarting mid-deploy cannot undo a review.
        One command per entry (a dozen, at start-up): FerretDB 1.24 stops an
        unordered bulk update at its first duplicate key and answers without
        `nModified`, which PyMongo cannot read.
        """
        kept_newer = 0
        for item in resources:
            try:
                await self._collection.replace_one(
                    {"_id": item.id, "revision": {"$lte": revision}}, item.to_mongo(), upsert=True
                )
            except DuplicateKeyError:
                kept_newer += 1
        removed = await self._collection.delete_many(
            {"_id": {"$nin": [item.id for item in resources]}, "revision": {"$lte": revision}}
        )
        return SyncOutcome(written=len(resources) - kept_newer, kept_newer=kept_newer, removed=removed.deleted_count)
