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
    "groups": [
        IndexModel(
            [("access", ASCENDING), ("archived", ASCENDING), ("name_key", ASCENDING), ("_id", ASCENDING)],
            name="discovery",
        ),
    ],
    "memberships": [
        IndexModel([("group_id", ASCENDING), ("member_id", ASCENDING)], name="group_member_unique", unique=True),
        IndexModel(
            [("member_id", ASCENDING), ("status", ASCENDING), ("joined_at", DESCENDING), ("_id", DESCENDING)],
            name="member_groups",
        ),
        IndexModel([("group_id", ASCENDING), ("status", ASCENDING), ("role", ASCENDING)], name="group_roster"),
    ],
    "invites": [
        IndexModel([("code_hash", ASCENDING)], name="code_hash_unique", unique=True),
    ],
    "join_requests": [
        IndexModel([("pending_key", ASCENDING)], name="pending_key_unique", unique=True),
        IndexModel(
            [("group_id", ASCENDING), ("status", ASCENDING), ("created_at", ASCENDING), ("_id", ASCENDING)],
            name="group_queue",
        ),
    ],
    "moderation_actions": [
        IndexModel([("group_id", ASCENDING), ("created_at", DESCENDING), ("_id", DESCENDING)], name="group_log"),
    ],
    "notifications": [
        IndexModel([("dedupe_key", ASCENDING)], name="dedupe_key_unique", unique=True),
        IndexModel([("member_id", ASCENDING), ("created_at", DESCENDING), ("_id", DESCENDING)], name="inbox"),
        IndexModel([("push.status", ASCENDING), ("push.not_before", ASCENDING)], name="push_due"),
    ],
    "safeguarding_alerts": [
        IndexModel([("source_key", ASCENDING)], name="source_key_unique", unique=True),
        IndexModel([("status", ASCENDING), ("created_at", DESCENDING), ("_id", DESCENDING)], name="queue"),
    ],
}


async def ensure_indexes(db: Database) -> None:
    """Create what is missing; existing identical indexes are left as they are.

    One index per command: FerretDB 1.24 panics ("slice bounds out of range")
    when one createIndexes names several indexes that already exist, so a
    restart over a kept database would fail.
    """
    for collection, indexes in INDEXES.items():
        for index in indexes:
            await db[collection].create_indexes([index])
