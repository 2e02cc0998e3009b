"""Every index the app relies on, declared once with explicit names.

Uniqueness carries idempotency and mutual exclusion (DESIGN §2), so these are
part of the data model, not a tuning detail. Only options FerretDB 1.24 also
supports: no TTL, no partial indexes (expiry is a scheduled purge).
"""

from __future__ import annotations

import logging

from pymongo import ASCENDING, DESCENDING, IndexModel
from pymongo.errors import OperationFailure

from infra.mongo.client import Database

logger = logging.getLogger(__name__)

_CHANGED_DEFINITION = {85, 86}  # IndexOptionsConflict, IndexKeySpecsConflict (FerretDB answers 86 too)
_INDEX_NOT_FOUND = 27

INDEXES: dict[str, list[IndexModel]] = {
    "members": [
        IndexModel([("firebase_uid", ASCENDING)], name="firebase_uid_unique", unique=True),
    ],
    "groups": [
        IndexModel(
            [("access", ASCENDING), ("archived", ASCENDING), ("name_key", ASCENDING), ("_id", ASCENDING)],
            name="discovery",
        ),
        # Beat's reminder tick reads only due groups, in (next_checkin_at, _id) pages, from the index alone.
        IndexModel([("next_checkin_at", ASCENDING), ("_id", ASCENDING)], name="checkin_due"),
        IndexModel([("lead_check_at", ASCENDING), ("_id", ASCENDING)], name="lead_check"),
    ],
    "lead_digests": [
        IndexModel([("next_at", ASCENDING), ("_id", ASCENDING)], name="digest_due"),
    ],
    "memberships": [
        IndexModel([("group_id", ASCENDING), ("member_id", ASCENDING)], name="group_member_unique", unique=True),
        IndexModel(
            [("member_id", ASCENDING), ("status", ASCENDING), ("joined_at", DESCENDING), ("_id", DESCENDING)],
            name="member_groups",
        ),
        IndexModel([("group_id", ASCENDING), ("status", ASCENDING), ("role", ASCENDING)], name="group_roster"),
        # The quiet scan pages (next_evaluation_at, _id) over the due memberships only.
        IndexModel([("next_evaluation_at", ASCENDING), ("_id", ASCENDING)], name="quiet_due"),
    ],
    "checkins": [
        IndexModel([("member_id", ASCENDING), ("idempotency_key", ASCENDING)], name="member_key_unique", unique=True),
        IndexModel([("member_id", ASCENDING), ("recorded_at", DESCENDING), ("_id", DESCENDING)], name="member_history"),
        IndexModel([("member_id", ASCENDING), ("local_day", ASCENDING)], name="member_days"),
        IndexModel(
            [("group_id", ASCENDING), ("visibility", ASCENDING), ("recorded_at", DESCENDING), ("_id", DESCENDING)],
            name="group_shared",
        ),
    ],
    "invites": [
        IndexModel([("code_hash", ASCENDING)], name="code_hash_unique", unique=True),
        IndexModel([("created_by", ASCENDING)], name="creator"),
    ],
    "join_requests": [
        IndexModel([("pending_key", ASCENDING)], name="pending_key_unique", unique=True),
        IndexModel([("member_id", ASCENDING)], name="member"),
        IndexModel(
            [("group_id", ASCENDING), ("status", ASCENDING), ("created_at", ASCENDING), ("_id", ASCENDING)],
            name="group_queue",
        ),
    ],
    "moderation_actions": [
        IndexModel([("group_id", ASCENDING), ("created_at", DESCENDING), ("_id", DESCENDING)], name="group_log"),
        # Account deletion replaces the member with a tombstone id: through these, not a scan.
        IndexModel([("actor_member_id", ASCENDING)], name="actor"),
        IndexModel([("target_id", ASCENDING)], name="target"),
    ],
    "notifications": [
        IndexModel([("dedupe_key", ASCENDING)], name="dedupe_key_unique", unique=True),
        IndexModel([("member_id", ASCENDING), ("created_at", DESCENDING), ("_id", DESCENDING)], name="inbox"),
        # _id last: the sweeper pages (not_before, _id) from the index alone, however many are due at once.
        IndexModel([("push.status", ASCENDING), ("push.not_before", ASCENDING), ("_id", ASCENDING)], name="push_due"),
        IndexModel([("member_id", ASCENDING), ("read_at", ASCENDING)], name="unread"),
        # A lead's heads-up names the member it is about: deleted with that member's account.
        IndexModel([("params.memberId", ASCENDING)], name="about_member"),
        IndexModel([("created_at", ASCENDING), ("_id", ASCENDING)], name="retention"),
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
    "difficult_dates": [
        IndexModel([("member_id", ASCENDING), ("slot", ASCENDING)], name="member_slot_unique", unique=True),
        IndexModel([("member_id", ASCENDING), ("month_day", ASCENDING), ("_id", ASCENDING)], name="member_dates"),
        IndexModel([("next_check_in_at", ASCENDING), ("_id", ASCENDING)], name="check_in_due"),
        IndexModel([("next_heads_up_at", ASCENDING), ("_id", ASCENDING)], name="heads_up_due"),
    ],
    "follow_ups": [
        IndexModel([("source_key", ASCENDING)], name="source_key_unique", unique=True),
        IndexModel([("due_at", ASCENDING), ("_id", ASCENDING)], name="due"),
        IndexModel([("member_id", ASCENDING), ("asked_at", ASCENDING)], name="member_asked"),
    ],
    "staff_alerts": [
        IndexModel([("open_key", ASCENDING)], name="open_key_unique", unique=True),
        IndexModel([("status", ASCENDING), ("created_at", DESCENDING), ("_id", DESCENDING)], name="queue"),
        IndexModel([("status", ASCENDING), ("resolved_at", ASCENDING)], name="retention"),
    ],
    "safeguarding_alerts": [
        IndexModel([("source_key", ASCENDING)], name="source_key_unique", unique=True),
        IndexModel([("status", ASCENDING), ("created_at", DESCENDING), ("_id", DESCENDING)], name="queue"),
        IndexModel([("status", ASCENDING), ("resolved_at", ASCENDING)], name="retention"),
        IndexModel([("member_id", ASCENDING)], name="member"),
    ],
    "shares": [
        IndexModel(
            [("group_id", ASCENDING), ("status", ASCENDING), ("created_minute", DESCENDING), ("_id", DESCENDING)],
            name="group_feed",
        ),
    ],
    "responses": [
        IndexModel([("share_id", ASCENDING), ("created_minute", ASCENDING), ("_id", ASCENDING)], name="share_thread"),
    ],
    # Only for a member's own export and deletion later: nothing reads authorship by key to find an author.
    "authorship": [
        IndexModel([("author_key", ASCENDING)], name="author_key"),
    ],
    "bylines": [
        IndexModel([("member_id", ASCENDING)], name="member"),
    ],
    "reactions": [
        IndexModel(
            [("target_id", ASCENDING), ("reactor_key", ASCENDING), ("kind", ASCENDING)],
            name="target_reactor_kind_unique",
            unique=True,
        ),
        # Only for the member's own deletion (their key is computed from their id), like authorship.
        IndexModel([("reactor_key", ASCENDING)], name="reactor_key"),
    ],
    "reports": [
        IndexModel(
            [("target_id", ASCENDING), ("reporter_member_id", ASCENDING)], name="target_reporter_unique", unique=True
        ),
        IndexModel(
            [("group_id", ASCENDING), ("status", ASCENDING), ("created_minute", ASCENDING), ("_id", ASCENDING)],
            name="group_queue",
        ),
        IndexModel([("status", ASCENDING), ("escalate_at", ASCENDING)], name="escalation"),
        IndexModel([("status", ASCENDING), ("closed_at", ASCENDING)], name="retention"),
        IndexModel([("reporter_member_id", ASCENDING)], name="reporter"),
    ],
    "author_reveal_audit": [
        IndexModel([("request_id", ASCENDING), ("at", ASCENDING)], name="request"),
    ],
    "data_exports": [
        IndexModel([("active_key", ASCENDING)], name="active_key_unique", unique=True),
        IndexModel([("member_id", ASCENDING), ("requested_at", DESCENDING)], name="member"),
        IndexModel([("expires_at", ASCENDING)], name="expires_at"),
        # The tick picks up exports whose task was lost or whose worker died.
        IndexModel([("status", ASCENDING), ("requested_at", ASCENDING)], name="unfinished"),
    ],
    "account_deletions": [
        IndexModel([("purge_after", ASCENDING), ("_id", ASCENDING)], name="purge_due"),
    ],
    "content_removals": [
        IndexModel([("due_at", ASCENDING)], name="due"),
    ],
}


async def ensure_indexes(db: Database) -> None:
    """Create what is missing; existing identical indexes are left as they are, and a non-unique
    index whose definition changed is rebuilt (a changed unique index needs a migration: it fails).
    """
    for collection, indexes in INDEXES.items():
        for index in indexes:
            # One per command: FerretDB 1.24 panics on a createIndexes naming 2+ indexes that all exist.
            try:
                await db[collection].create_indexes([index])
            except OperationFailure as error:
                if error.code not in _CHANGED_DEFINITION or index.document.get("unique"):
                    raise
                await _rebuild(db, collection, index)


async def _rebuild(db: Database, collection: str, index: IndexModel) -> None:
    name = index.document["name"]
    logger.warning("index %s.%s changed definition: rebuilding it", collection, name)
    try:
        await db[collection].drop_index(name)
    except OperationFailure as error:
        if error.code != _INDEX_NOT_FOUND:  # another process dropped it first
            raise
    await db[collection].create_indexes([index])
