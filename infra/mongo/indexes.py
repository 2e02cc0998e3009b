"""Every index the app relies on, declared once with explicit names.

Uniqueness carries idempotency and mutual exclusion (DESIGN §2), so these are
part of the data model, not a tuning detail. Only options FerretDB 1.24 also
supports: no TTL, no partial indexes (expiry is a scheduled purge).
"""

from __future__ import annotations

import logging

from pymongo import ASCENDING, DESCENDING, GEOSPHERE, IndexModel
from pymongo.errors import OperationFailure

from infra.mongo.client import Database

logger = logging.getLogger(__name__)

_CHANGED_DEFINITION = {85, 86}  # IndexOptionsConflict, IndexKeySpecsConflict (FerretDB answers 86 too)
_INDEX_NOT_FOUND = 27
# An engine without geo indexes (FerretDB 1.24 answers 27; others CannotCreateIndex or
# NotImplemented): discovery by distance then takes its nation-index fallback.
_NO_GEO_INDEX = {27, 67, 238}

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
        # Discovery by distance: $geoNear within a nation; without geo queries, a nation's open groups.
        IndexModel([("home_area.nation", ASCENDING), ("location", GEOSPHERE)], name="nation_location"),
        IndexModel(
            [("home_area.nation", ASCENDING), ("access", ASCENDING), ("archived", ASCENDING)], name="nation_discovery"
        ),
        # An organisation's groups, and whose groups its staff may see.
        IndexModel([("host_organisation_id", ASCENDING), ("name_key", ASCENDING), ("_id", ASCENDING)], name="host"),
    ],
    "local_services": [
        # A re-import upserts by the feed's id: one document per service per organisation.
        IndexModel(
            [("organisation_id", ASCENDING), ("source_id", ASCENDING)], name="organisation_source_unique", unique=True
        ),
    ],
    "org_roles": [
        IndexModel(
            [("organisation_id", ASCENDING), ("member_id", ASCENDING), ("role", ASCENDING)],
            name="organisation_member_role_unique",
            unique=True,
        ),
        IndexModel([("member_id", ASCENDING)], name="member"),  # checked on every request a role may matter to
    ],
    "moderation_notices": [
        IndexModel([("author_key", ASCENDING), ("created_at", DESCENDING)], name="author"),
        IndexModel([("member_id", ASCENDING), ("created_at", DESCENDING)], name="member"),
        IndexModel([("group_id", ASCENDING), ("appeal_status", ASCENDING), ("appealed_at", ASCENDING)], name="appeals"),
    ],
    "rota_shifts": [
        IndexModel(
            [("organisation_id", ASCENDING), ("ends_at", ASCENDING), ("starts_at", ASCENDING)], name="organisation_time"
        ),
    ],
    "safeguarding_pages": [
        IndexModel([("dedupe_key", ASCENDING)], name="dedupe_key_unique", unique=True),
        IndexModel([("alert_id", ASCENDING), ("step", ASCENDING)], name="alert"),
        IndexModel([("email_status", ASCENDING), ("email_claimed_until", ASCENDING)], name="email_due"),
    ],
    "lead_digests": [
        IndexModel([("next_at", ASCENDING), ("_id", ASCENDING)], name="digest_due"),
    ],
    "memberships": [
        # Member first: prefixed by the shard key (infra/mongo/sharding.py), so unique across shards.
        IndexModel([("member_id", ASCENDING), ("group_id", ASCENDING)], name="member_group_unique", unique=True),
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
    "console_actions": [
        IndexModel([("at", DESCENDING), ("_id", DESCENDING)], name="recent"),
        # Account deletion replaces the member with a tombstone id: through these, not a scan.
        IndexModel([("actor_member_id", ASCENDING)], name="actor"),
        IndexModel([("target_id", ASCENDING)], name="target"),
    ],
    "notifications": [
        # Every dedupe key names one recipient, so unique per member is unique: prefixed by the shard key.
        IndexModel([("member_id", ASCENDING), ("dedupe_key", ASCENDING)], name="member_dedupe_key_unique", unique=True),
        IndexModel([("member_id", ASCENDING), ("created_at", DESCENDING), ("_id", DESCENDING)], name="inbox"),
        # The sweeper pages (not_before, _id) from the index alone, however many are due at once; the
        # member id rides along, so each delivery it enqueues reads from one shard.
        IndexModel(
            [("push.status", ASCENDING), ("push.not_before", ASCENDING), ("_id", ASCENDING), ("member_id", ASCENDING)],
            name="push_due",
        ),
        IndexModel([("member_id", ASCENDING), ("read_at", ASCENDING)], name="unread"),
        # A lead's heads-up names the member it is about: deleted with that member's account.
        IndexModel([("params.memberId", ASCENDING)], name="about_member"),
        IndexModel([("created_at", ASCENDING), ("_id", ASCENDING)], name="retention"),
    ],
    "devices": [
        IndexModel([("token", ASCENDING)], name="token_unique", unique=True),
        IndexModel([("member_id", ASCENDING), ("last_seen", DESCENDING)], name="member_devices"),
    ],
    "text_contacts": [
        # An inbound text finds its member by the keyed HMAC of its From: one member per number.
        IndexModel([("phone_hash", ASCENDING)], name="phone_hash_unique", unique=True),
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
        # An organisation's safeguarding staff read their hosted groups' alerts; the on-call tick claims due pages.
        IndexModel(
            [("group_id", ASCENDING), ("status", ASCENDING), ("created_at", DESCENDING), ("_id", DESCENDING)],
            name="group_queue",
        ),
        IndexModel([("page_due_at", ASCENDING), ("_id", ASCENDING)], name="page_due"),
        IndexModel([("organisation_id", ASCENDING), ("created_at", ASCENDING)], name="organisation_month"),
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
        # Reactor first: prefixed by the shard key; it also serves the member's own deletion.
        IndexModel(
            [("reactor_key", ASCENDING), ("target_id", ASCENDING), ("kind", ASCENDING)],
            name="reactor_target_kind_unique",
            unique=True,
        ),
        IndexModel([("target_id", ASCENDING)], name="target"),  # a share's reactions go with it
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
    "author_reveal_requests": [
        # The console's list of requests waiting for a second officer: pending and not expired.
        IndexModel([("status", ASCENDING), ("expires_at", ASCENDING), ("_id", ASCENDING)], name="waiting"),
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
    "threads": [
        # One open thread per member and group (or per member with staff); closing frees the key.
        IndexModel([("open_key", ASCENDING)], name="open_key_unique", unique=True),
        IndexModel([("member_id", ASCENDING), ("activity_at", DESCENDING), ("_id", DESCENDING)], name="member_threads"),
        IndexModel([("group_id", ASCENDING), ("activity_at", DESCENDING), ("_id", DESCENDING)], name="group_threads"),
        IndexModel([("group_id", ASCENDING), ("waiting_since", ASCENDING)], name="group_waiting"),
        IndexModel(
            [("staff_readable", ASCENDING), ("activity_at", DESCENDING), ("_id", DESCENDING)], name="staff_threads"
        ),
        # The follow-through tick reads only threads whose nudge or alert is due.
        IndexModel([("nudge_at", ASCENDING), ("_id", ASCENDING)], name="nudge_due"),
        IndexModel([("escalate_at", ASCENDING), ("_id", ASCENDING)], name="escalate_due"),
        IndexModel([("status", ASCENDING), ("closed_at", ASCENDING)], name="retention"),
    ],
    "messages": [
        # The thread first: prefixed by the shard key (infra/mongo/sharding.py), so unique across shards.
        IndexModel([("thread_id", ASCENDING), ("client_key", ASCENDING)], name="thread_key_unique", unique=True),
        IndexModel([("thread_id", ASCENDING), ("created_at", DESCENDING), ("_id", DESCENDING)], name="thread_history"),
        IndexModel([("author_id", ASCENDING)], name="author"),  # a member's export and deletion
    ],
    "message_reports": [
        IndexModel(
            [("message_id", ASCENDING), ("reporter_member_id", ASCENDING)], name="message_reporter_unique", unique=True
        ),
        IndexModel([("thread_id", ASCENDING)], name="thread"),
        IndexModel([("reporter_member_id", ASCENDING)], name="reporter"),
    ],
    "venues": [
        IndexModel([("group_id", ASCENDING), ("name", ASCENDING), ("_id", ASCENDING)], name="group_venues"),
    ],
    "sessions": [
        # A group's list: sessions ending after now, soonest first; and its held ones, latest first.
        IndexModel([("group_id", ASCENDING), ("ends_at", ASCENDING), ("_id", ASCENDING)], name="group_sessions"),
        IndexModel([("group_id", ASCENDING), ("series_id", ASCENDING), ("starts_at", ASCENDING)], name="series"),
        # Beat's reminder tick reads only sessions whose reminder is due.
        IndexModel([("reminder_at", ASCENDING), ("_id", ASCENDING)], name="reminder_due"),
        IndexModel([("missed_check_at", ASCENDING), ("_id", ASCENDING)], name="missed_check_due"),
    ],
    "rsvps": [
        # Group first: prefixed by the shard key. One answer per member and session.
        IndexModel(
            [("group_id", ASCENDING), ("session_id", ASCENDING), ("member_id", ASCENDING)],
            name="group_session_member_unique",
            unique=True,
        ),
        IndexModel(
            [("group_id", ASCENDING), ("session_id", ASCENDING), ("answer", ASCENDING), ("wait_position", ASCENDING)],
            name="session_answers",
        ),
        IndexModel([("member_id", ASCENDING), ("session_id", ASCENDING)], name="member_sessions"),
    ],
    "calendar_feeds": [
        IndexModel([("token_hash", ASCENDING)], name="token_hash_unique", unique=True),
    ],
    "attendance": [
        IndexModel(
            [("group_id", ASCENDING), ("session_id", ASCENDING), ("member_id", ASCENDING)],
            name="group_session_member_unique",
            unique=True,
        ),
        IndexModel(
            [("group_id", ASCENDING), ("member_id", ASCENDING), ("session_starts_at", DESCENDING)],
            name="group_member_record",
        ),
        IndexModel([("member_id", ASCENDING)], name="member"),  # a member's export and deletion
    ],
}

# Indexes a new one replaced, dropped once every index above exists. A unique index changes by
# taking a new name: the new one is built beside the old (which was at least as strict, so the
# data already satisfies it), then the old goes; both hold in between, and code of either
# version finds its duplicates refused throughout a rolling deploy.
RETIRED: dict[str, tuple[str, ...]] = {
    # Issue 22: unique indexes prefixed by their collection's shard key.
    "memberships": ("group_member_unique",),
    "notifications": ("dedupe_key_unique",),
    "reactions": ("target_reactor_kind_unique", "reactor_key"),
}


async def ensure_indexes(db: Database) -> None:
    """Create what is missing; existing identical indexes are left as they are, and a non-unique
    index whose definition changed is rebuilt (a changed unique index needs a new name: it fails).
    Then drop the retired ones.
    """
    for collection, indexes in INDEXES.items():
        for index in indexes:
            # One per command: FerretDB 1.24 panics on a createIndexes naming 2+ indexes that all exist.
            try:
                await db[collection].create_indexes([index])
            except OperationFailure as error:
                if _is_geo(index) and error.code in _NO_GEO_INDEX:
                    logger.warning("index %s.%s: this engine has no geo index; left out", collection, _name(index))
                    continue
                if error.code not in _CHANGED_DEFINITION or index.document.get("unique"):
                    raise
                await _rebuild(db, collection, index)
    for collection, names in RETIRED.items():
        for name in names:
            await _drop(db, collection, name)


def _is_geo(index: IndexModel) -> bool:
    return GEOSPHERE in index.document["key"].values()


def _name(index: IndexModel) -> str:
    return str(index.document["name"])


async def _rebuild(db: Database, collection: str, index: IndexModel) -> None:
    name = index.document["name"]
    logger.warning("index %s.%s changed definition: rebuilding it", collection, name)
    await _drop(db, collection, name)
    await db[collection].create_indexes([index])


async def _drop(db: Database, collection: str, name: str) -> None:
    try:
        await db[collection].drop_index(name)
    except OperationFailure as error:
        if error.code != _INDEX_NOT_FOUND:  # absent already, or another process dropped it first
            raise
