"""Every index the app relies on, declared once with explicit names.

Uniqueness carries idempotency and mutual exclusion (DESIGN §2), so these are
part of the data model, not a tuning detail. Only options FerretDB 1.24 also
supports: no TTL, no partial indexes (expiry is a scheduled purge).
"""

from __future__ import annotations

from pymongo import ASCENDING, DESCENDING, IndexModel

from infra.mongo.client import Database

INDEXES: dict[str, list[IndexModel]] = {
    "members": [
        IndexModel([("firebase_uid", ASCENDING)], name="firebase_uid_unique", unique=True),
    ],
    "notifications": [
        IndexModel([("dedupe_key", ASCENDING)], name="dedupe_key_unique", unique=True),
        IndexModel([("member_id", ASCENDING), ("created_at", DESCENDING), ("_id", DESCENDING)], name="inbox"),
        IndexModel([("push.status", ASCENDING), ("push.not_before", ASCENDING)], name="push_due"),
        IndexModel([("member_id", ASCENDING), ("read_at", ASCENDING)], name="unread"),
    ],
    "devices": [
        IndexModel([("token", ASCENDING)], name="token_unique", unique=True),
        IndexModel([("member_id", ASCENDING), ("last_seen", DESCENDING)], name="member_devices"),
    ],
    "push_budgets": [
        IndexModel([("member_id", ASCENDING), ("day", ASCENDING)], name="member_day"),
        IndexModel([("expires_at", ASCENDING)], name="expires_at"),
    ],
    "push_claims": [
        IndexModel([("notification_id", ASCENDING), ("number", DESCENDING)], name="latest_claim"),
        IndexModel([("expires_at", ASCENDING)], name="expires_at"),
    ],
}


async def ensure_indexes(db: Database) -> None:
    """Create what is missing; existing identical indexes are left as they are."""
    for collection, indexes in INDEXES.items():
        for index in indexes:
            # One per command: FerretDB 1.24 panics on a createIndexes naming 2+ indexes that all exist.
            await db[collection].create_indexes([index])
