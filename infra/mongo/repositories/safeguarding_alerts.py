"""The `safeguarding_alerts` collection."""

from __future__ import annotations

from pymongo.errors import DuplicateKeyError

from infra.mongo.client import Database
from schemas.documents.safeguarding_alerts import SafeguardingAlertDocument


class SafeguardingAlertsRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["safeguarding_alerts"]

    async def insert_if_new(self, alert: SafeguardingAlertDocument) -> bool:
        """Insert unless an alert for the same source exists (unique `source_key`); True when inserted."""
        try:
            await self._collection.insert_one(alert.to_mongo())
        except DuplicateKeyError:
            return False
        return True
