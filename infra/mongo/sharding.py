"""Where each collection lives on a sharded MongoDB cluster: its shard key, or why it stays whole.

One table, read by the tests (every unique index of a sharded collection is prefixed by its
shard key, else MongoDB cannot enforce it across shards; each main screen's commands reach the
shards listed for it) and by `docs/scale.md`. Hashed keys spread writes evenly: every id here is
a random UUID or derived from one, so no key value grows with time.

A sharded collection's `_id` index is unique per shard only. That is enough when ids are random
(UUIDv4) or derived from the shard key value (a push place's id starts with its member's id, a
push claim's with its notification's id: equal ids mean equal keys, hence one shard); `ids` says
which. An unsharded collection lives whole on the database's primary shard: every query to it
reaches one shard.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pymongo import IndexModel


class Ids(StrEnum):
    """Why `_id` stays unique across shards."""

    RANDOM = "random"  # new_id(): UUIDv4
    FROM_KEY = "from the shard key"  # the id embeds the shard key value


@dataclass(frozen=True)
class Sharded:
    key: tuple[str, ...]
    why: str
    ids: Ids = Ids.RANDOM
    hashed: bool = True
    planned: bool = False  # the collection is not built yet: its issue follows this entry


@dataclass(frozen=True)
class Unsharded:
    why: str
    planned: bool = False


Placement = Sharded | Unsharded

_SMALL = "bounded by people, not time"

SHARDING: dict[str, Placement] = {
    # Grow with members and time: sharded.
    "memberships": Sharded(
        ("member_id",),
        "home, check-ins and each group screen's membership check read by member (the check by "
        "group and member); a group's roster (reminder fan-out, share notices, leads' counts) reads "
        "every shard, at most 100 documents, from the group_roster index",
    ),
    "checkins": Sharded(
        ("member_id",), "the largest collection; written and read by member; idempotency key per member"
    ),
    "notifications": Sharded(
        ("member_id",), "inbox, unread badge and delivery by member; dedupe key unique per member (every key names one)"
    ),
    "push_budgets": Sharded(("member_id",), "a member's places under the daily cap", ids=Ids.FROM_KEY),
    "push_claims": Sharded(("notification_id",), "a notification's numbered claims", ids=Ids.FROM_KEY),
    "difficult_dates": Sharded(("member_id",), "a member's own dates, at most 20; slot unique per member"),
    "shares": Sharded(
        ("group_id",),
        "the feed reads a group's shares; a share by id alone (its screen, its counters) reads every shard",
    ),
    "responses": Sharded(("share_id",), "a share's thread is read by share"),
    "reactions": Sharded(("reactor_key",), "read as 'my reactions to these shares' and unique per reactor"),
    "messages": Sharded(
        ("thread_id",),
        "a thread's history, read and written by thread; the client key unique per thread; a message by "
        "id alone (editing, reporting) reads every shard",
    ),
    "sessions": Sharded(
        ("group_id",), "a group's sessions, read by group; a session by id alone (its screen) reads every shard"
    ),
    "rsvps": Sharded(
        ("group_id",),
        "a session's answers and counts read by (group, session); unique (group_id, session_id, member_id); a "
        "member's own answers across groups read every shard",
    ),
    "attendance": Sharded(
        ("group_id",),
        "a session's list (group, session) and a member's record in a group (group, member) both target one "
        "shard; unique (group_id, session_id, member_id)",
    ),
    # Small, or global invariants: unsharded.
    "members": Unsharded("one per member (about 0.5 KB); firebase_uid is unique across all members"),
    "devices": Unsharded("a token is unique across members (it moves to whoever signed in last); " + _SMALL),
    "groups": Unsharded("one per group; the reminder tick and discovery scan them by time and name"),
    "authorship": Unsharded("two short fields per share or response; the feed reads a page of them by id at once"),
    "bylines": Unsharded("named content only, read with authorship by id"),
    "invites": Unsharded("the code hash is unique across groups; " + _SMALL),
    "join_requests": Unsharded("the pending key is unique; " + _SMALL),
    "moderation_actions": Unsharded("append-only, a small fraction of content"),
    "console_actions": Unsharded("append-only: what staff and leads did at a desk, a few a minute at most"),
    "reports": Unsharded("a small fraction of content; staff queues read across groups"),
    "lead_digests": Unsharded("one per lead"),
    "text_contacts": Unsharded("one per member who texts; the phone hash is unique across members; " + _SMALL),
    "text_budgets": Unsharded("one per organisation and month"),
    "follow_ups": Unsharded("one per crisis signpost; the source key is unique"),
    "staff_alerts": Unsharded("one open alert per group at most"),
    "safeguarding_alerts": Unsharded("staff's queue, read across groups"),
    "author_reveal_requests": Unsharded("break-glass requests: rare"),
    "author_reveal_audit": Unsharded("break-glass audit: rare"),
    "data_exports": Unsharded("kept 7 days; the active key is unique"),
    "account_deletions": Unsharded("a 21-day grace list"),
    "content_removals": Unsharded("a deleted member's anonymous content waiting to go: rare, short-lived"),
    "support_resources": Unsharded("the helplines: a few dozen documents"),
    "threads": Unsharded(
        "at most one open per member and group (the open key is unique across them); listed by member, by "
        "group and for staff"
    ),
    "message_reports": Unsharded("reports of private messages to staff: rare"),
    "venues": Unsharded("at most 20 per group"),
    "calendar_feeds": Unsharded("one per member who asked for one; the token hash is unique across them"),
    "worker_heartbeats": Unsharded("one per periodic task"),
    "organisations": Unsharded("one per hosting body: a few hundred"),
    "moderation_notices": Unsharded("one per moderator's action on content or a member: a small fraction"),
    "rota_shifts": Unsharded("an organisation's shifts: a few a day"),
    "safeguarding_pages": Unsharded("a few per safeguarding alert: rare"),
    "local_services": Unsharded("an organisation's local services from its feed: a few hundred each"),
    "org_roles": Unsharded("an organisation's staff; (organisation, member, role) unique across them"),
}


def unenforceable_unique_indexes(
    indexes: Mapping[str, Sequence[IndexModel]], sharding: Mapping[str, Placement]
) -> list[str]:
    """`collection.index` for each unique index of a sharded collection whose leading fields are not
    its shard key: MongoDB refuses to create it, or to shard the collection, so it could not hold.
    """
    found = []
    for collection, models in indexes.items():
        placement = sharding[collection]
        if isinstance(placement, Unsharded):
            continue
        for model in models:
            fields = tuple(model.document["key"])
            if model.document.get("unique") and fields[: len(placement.key)] != placement.key:
                found.append(f"{collection}.{model.document['name']}")
    return found


class Route(StrEnum):
    """Which shards a command reaches."""

    ONE = "one shard"  # the shard key bound to one value, or an unsharded collection
    SOME = "some shards"  # the shard key bound to a few values (`$in`)
    ALL = "every shard"  # the shard key unbound: scatter-gather


def route(collection: str, command: Mapping[str, Any]) -> Route:
    """The shards a command sent to `collection` reaches, judged from its filter as mongos would
    (equality or `$in` on every shard key field); an insert goes where its documents' keys say.
    """
    placement = SHARDING[collection]
    if isinstance(placement, Unsharded):
        return Route.ONE
    filters = _filters(command)
    if filters is None:  # an insert: each document goes where its key says
        keys = {tuple(str(document.get(field)) for field in placement.key) for document in command["documents"]}
        return Route.ONE if len(keys) == 1 else Route.SOME
    return _widest(_bound(placement.key, each) for each in filters)


def _filters(command: Mapping[str, Any]) -> list[Mapping[str, Any]] | None:
    name = next(iter(command))
    if name == "insert":
        return None
    if name in {"update", "delete"}:
        return [each["q"] for each in command["updates" if name == "update" else "deletes"]]
    if name == "aggregate":
        first = command["pipeline"][0] if command["pipeline"] else {}
        return [first.get("$match", {})]
    return [command.get("filter") or command.get("query") or {}]


def _bound(key: tuple[str, ...], query: Mapping[str, Any]) -> Route:
    values = 1
    for field in key:
        condition = query.get(field)
        if isinstance(condition, Mapping):
            if "$eq" in condition:
                continue
            if "$in" not in condition:
                return Route.ALL
            values *= max(len(condition["$in"]), 1)
        elif field not in query:
            return Route.ALL
    return Route.ONE if values == 1 else Route.SOME


def _widest(routes: Iterable[Route]) -> Route:
    found = set(routes)
    return next((each for each in (Route.ALL, Route.SOME) if each in found), Route.ONE)
