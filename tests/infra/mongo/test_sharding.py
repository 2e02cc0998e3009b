"""The shard-key table (infra/mongo/sharding.py) against the indexes the design relies on: every
unique index of a sharded collection must start with its shard key, or MongoDB cannot enforce it
across shards (it refuses to build it, or to shard the collection).
"""

from __future__ import annotations

from pymongo import ASCENDING, IndexModel

from infra.mongo.indexes import INDEXES
from infra.mongo.sharding import SHARDING, Ids, Route, Sharded, Unsharded, route, unenforceable_unique_indexes


def test_every_indexed_collection_has_a_placement_and_none_is_still_marked_planned() -> None:
    assert set(INDEXES) - set(SHARDING) == set()
    # A planned entry (issues 15, 16) drops `planned` when its collection's indexes land.
    assert sorted(name for name, placement in SHARDING.items() if placement.planned and name in INDEXES) == []


def test_every_unique_index_of_a_sharded_collection_is_prefixed_by_its_shard_key() -> None:
    assert unenforceable_unique_indexes(INDEXES, SHARDING) == []


def test_the_check_finds_a_unique_index_the_shard_key_does_not_prefix() -> None:
    # The notifications' dedupe index before issue 22: unique across all members, sharded by member.
    before = {"notifications": [IndexModel([("dedupe_key", ASCENDING)], name="dedupe_key_unique", unique=True)]}
    reordered = {
        "memberships": [
            IndexModel([("group_id", ASCENDING), ("member_id", ASCENDING)], name="group_member_unique", unique=True)
        ]
    }

    assert unenforceable_unique_indexes(before, SHARDING) == ["notifications.dedupe_key_unique"]
    assert unenforceable_unique_indexes(reordered, SHARDING) == ["memberships.group_member_unique"]


def test_ids_derived_from_a_key_are_only_on_collections_sharded_by_that_key() -> None:
    derived = {name: p.key for name, p in SHARDING.items() if isinstance(p, Sharded) and p.ids is Ids.FROM_KEY}

    assert derived == {"push_budgets": ("member_id",), "push_claims": ("notification_id",)}


def test_routing_reads_the_shard_key_in_filters_and_documents() -> None:
    one, two = "m-1", "m-2"

    assert route("notifications", {"find": "notifications", "filter": {"_id": "n", "member_id": one}}) is Route.ONE
    assert route("notifications", {"find": "notifications", "filter": {"_id": "n"}}) is Route.ALL
    assert route("checkins", {"find": "checkins", "filter": {"member_id": {"$in": [one, two]}}}) is Route.SOME
    assert route("checkins", {"find": "checkins", "filter": {"member_id": {"$in": [one]}}}) is Route.ONE
    assert route("members", {"find": "members", "filter": {"firebase_uid": "u"}}) is Route.ONE
    update = {"update": "memberships", "updates": [{"q": {"group_id": "g", "status": "active"}, "u": {}}]}
    assert route("memberships", update) is Route.ALL
    inserts = {"insert": "notifications", "documents": [{"member_id": one}, {"member_id": two}]}
    assert route("notifications", inserts) is Route.SOME
    assert route("shares", {"aggregate": "shares", "pipeline": [{"$match": {"group_id": "g"}}]}) is Route.ONE
    assert isinstance(SHARDING["members"], Unsharded)
