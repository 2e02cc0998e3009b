"""The `groups` collection.

Counters change by conditional single-document updates: atomic on MongoDB.
FerretDB's SQLite handler runs the filter and the update as two steps, so
there two concurrent joins could both pass the filter (pitfall F10); the
code is written for MongoDB and the concurrency test runs only there.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pymongo import ReturnDocument
from pymongo.errors import OperationFailure

from infra.mongo.client import Database
from infra.mongo.commands import set_fields
from infra.mongo.pagination import after_filter, sort_spec
from schemas.documents.groups import GeoPoint, GroupAccess, GroupDocument, GroupKind, GroupUpdate
from schemas.documents.members import Nation
from schemas.pagination import Keyset, Page, page_of

# MongoDB's own sphere for GeoJSON distances (metres), so both paths measure alike.
EARTH_RADIUS_M = 6_378_100.0
# An engine without geo queries: NotImplemented (FerretDB 1.24), an unknown stage; and no geo
# index (FerretDB refuses to build one): the last may pass once the index exists, so it is not remembered.
_GEO_UNSUPPORTED = {238, 40324}
_NO_GEO_INDEX = 27


@dataclass(frozen=True)
class HostedPlace:
    """A hosted group as signposting sees it: its host, its home area, the services its leads attached."""

    group_id: str
    organisation_id: str
    outward_code: str | None
    local_authority: str | None
    local_service_ids: tuple[str, ...]


@dataclass(frozen=True)
class Discovery:
    """Which open groups a viewer may be shown."""

    youth: tuple[bool, ...]
    kind: GroupKind | None = None
    text: str | None = None  # case-folded; matched literally, anywhere in the name or description
    online_only: bool = False  # only groups without a location (they meet online)


@dataclass(frozen=True)
class Distance:
    """A group nearby and how far its location is from the centre, in metres."""

    group: GroupDocument
    metres: float


def haversine_m(a: GeoPoint, b: GeoPoint) -> float:
    """Great-circle distance between two points, in metres."""
    (lon1, lat1), (lon2, lat2) = (map(math.radians, p.coordinates) for p in (a, b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def _open_to(discovery: Discovery) -> dict[str, Any]:
    """Open, live groups with room that this viewer could join."""
    query: dict[str, Any] = {
        "access": GroupAccess.OPEN.value,
        "archived": False,
        "free_slots": {"$gt": 0},
        "youth": {"$in": list(discovery.youth)},
    }
    if discovery.kind is not None:
        query["kind"] = discovery.kind.value
    if discovery.text:
        query["search_text"] = {"$regex": re.escape(discovery.text)}
    if discovery.online_only:
        query["location"] = None
    return query


class GroupsRepository:
    def __init__(self, db: Database, *, geo_near: bool = True) -> None:
        self._collection = db["groups"]
        self._geo_near = geo_near  # False once the engine showed it has no $geoNear (or settings say so)

    async def insert(self, group: GroupDocument) -> None:
        await self._collection.insert_one(group.to_mongo())

    async def get(self, group_id: str) -> GroupDocument | None:
        raw = await self._collection.find_one({"_id": group_id})
        return GroupDocument.from_mongo(raw) if raw else None

    async def host_organisation(self, group_id: str) -> str | None:
        """The organisation hosting the group (issue 17's `host_organisation_id`), None for the platform's own.
        Read raw, so it works whether or not the document model knows the field yet.
        """
        raw = await self._collection.find_one({"_id": group_id}, {"host_organisation_id": 1})
        value = raw.get("host_organisation_id") if raw else None
        return value if isinstance(value, str) and value else None

    async def get_many(self, group_ids: Sequence[str]) -> list[GroupDocument]:
        """Groups by id, in no particular order; missing ids are left out."""
        cursor = self._collection.find({"_id": {"$in": list(group_ids)}})
        return [GroupDocument.from_mongo(raw) async for raw in cursor]

    async def take_slot(self, group_id: str) -> bool:
        """One more member if there is room and the group is live; False otherwise."""
        result = await self._collection.update_one(
            {"_id": group_id, "free_slots": {"$gt": 0}, "archived": False},
            {"$inc": {"member_count": 1, "free_slots": -1}},
        )
        return result.modified_count == 1

    async def release_slot(self, group_id: str) -> None:
        await self._collection.update_one({"_id": group_id}, {"$inc": {"member_count": -1, "free_slots": 1}})

    async def count_lead_in(self, group_id: str) -> None:
        """After a member has become a lead: the count follows the role, never leads it."""
        await self._collection.update_one({"_id": group_id}, {"$inc": {"lead_count": 1}})

    async def count_lead_out(self, group_id: str) -> bool:
        """Before a lead stops leading: False when they are the last lead of a live group."""
        result = await self._collection.update_one(
            {"_id": group_id, "$or": [{"lead_count": {"$gt": 1}}, {"archived": True}]},
            {"$inc": {"lead_count": -1}},
        )
        return result.modified_count == 1

    async def claim_lead_change(self, group_id: str, *, now: datetime, until: datetime) -> bool:
        """Hold the live group for one handover of the lead role until `until` (a handover that
        died lets go then); False while another holds it.
        """
        free = [{"lead_change_until": None}, {"lead_change_until": {"$lte": now}}]
        result = await self._collection.update_one(
            {"_id": group_id, "archived": False, "$or": free}, {"$set": {"lead_change_until": until}}
        )
        return result.modified_count == 1

    async def release_lead_change(self, group_id: str, *, until: datetime) -> None:
        await self._collection.update_one(
            {"_id": group_id, "lead_change_until": until}, {"$set": {"lead_change_until": None}}
        )

    async def update_live(
        self, group_id: str, changes: GroupUpdate, *, capacity: tuple[int, int] | None, now: datetime
    ) -> GroupDocument | None:
        """Apply `changes` unless archived; `capacity` (old, new) also needs the members to fit."""
        query: dict[str, Any] = {"_id": group_id, "archived": False}
        update: dict[str, Any] = {"$set": {**set_fields(changes), "updated_at": now}}
        if capacity is not None:
            old, new = capacity
            query |= {"capacity": old, "member_count": {"$lte": new}}
            update["$set"]["capacity"] = new
            update["$inc"] = {"free_slots": new - old}
        raw = await self._collection.find_one_and_update(query, update, return_document=ReturnDocument.AFTER)
        return GroupDocument.from_mongo(raw) if raw else None

    async def archive(self, group_id: str, *, now: datetime) -> GroupDocument | None:
        raw = await self._collection.find_one_and_update(
            {"_id": group_id, "archived": False},
            # Due at once: the lead watch stands down any open alert, then stops looking at it.
            {"$set": {"archived": True, "archived_at": now, "updated_at": now, "lead_check_at": now}},
            return_document=ReturnDocument.AFTER,
        )
        return GroupDocument.from_mongo(raw) if raw else None

    async def due_for_checkin(
        self, *, before: datetime, limit: int, after: Keyset | None = None
    ) -> list[tuple[str, datetime]]:
        """(id, next_checkin_at) of groups whose check-in is due at `before`, oldest first,
        keyset-paginated on (next_checkin_at, _id): the checkin_due index's own order.
        """
        query = {"next_checkin_at": {"$lte": before}, **after_filter("next_checkin_at", after, descending=False)}
        cursor = (
            self._collection.find(query, {"_id": 1, "next_checkin_at": 1})
            .sort(sort_spec("next_checkin_at", descending=False))
            .limit(limit)
        )
        return [(raw["_id"], raw["next_checkin_at"]) async for raw in cursor]

    async def advance_checkin(self, group_id: str, *, due: datetime, to: datetime | None) -> bool:
        """Move `next_checkin_at` from `due` to `to`; False when it is no longer `due` (advanced
        already, or a lead changed the schedule meanwhile). Exclusive on MongoDB; on FerretDB
        two racers can both pass the filter, but they write the same value.
        """
        result = await self._collection.update_one(
            {"_id": group_id, "next_checkin_at": due}, {"$set": {"next_checkin_at": to}}
        )
        return result.modified_count == 1

    async def due_for_lead_check(self, now: datetime, *, limit: int, after: Keyset | None) -> list[GroupDocument]:
        """Groups whose no-active-lead check is due, oldest first, through the `lead_check` index."""
        query = {"lead_check_at": {"$lte": now}, **after_filter("lead_check_at", after, descending=False)}
        cursor = self._collection.find(query).sort(sort_spec("lead_check_at", descending=False)).limit(limit)
        return [GroupDocument.from_mongo(raw) async for raw in cursor]

    async def set_lead_check(self, group_id: str, *, at: datetime | None, was: datetime | None) -> None:
        """Move the next check, unless another worker already moved it (from `was`)."""
        await self._collection.update_one({"_id": group_id, "lead_check_at": was}, {"$set": {"lead_check_at": at}})

    async def discover(self, discovery: Discovery, *, after: Keyset | None, first: int) -> Page[GroupDocument]:
        """Open, live groups with room, A to Z by name."""
        query = {**_open_to(discovery), **after_filter("name_key", after, descending=False)}
        cursor = self._collection.find(query).sort(sort_spec("name_key", descending=False)).limit(first + 1)
        return page_of([GroupDocument.from_mongo(raw) async for raw in cursor], first)

    async def nearest(
        self, discovery: Discovery, *, nation: Nation, centre: GeoPoint, after: tuple[float, str] | None, limit: int
    ) -> list[Distance]:
        """Up to `limit` open groups of `nation` that have a location, nearest `centre` first (ties by
        id), after (metres, id). `$geoNear` over the `nation_location` 2dsphere index where the engine
        has it; else every such group of that nation through the `nation_discovery` index, measured here.
        """
        query = {**_open_to(discovery), "home_area.nation": nation.value}
        if self._geo_near:
            try:
                return await self._geo_nearest(query, centre=centre, after=after, limit=limit)
            except OperationFailure as error:
                if error.code not in {*_GEO_UNSUPPORTED, _NO_GEO_INDEX}:
                    raise
                self._geo_near = error.code not in _GEO_UNSUPPORTED
        return await self._scanned_nearest(query, centre=centre, after=after, limit=limit)

    async def _geo_nearest(
        self, query: dict[str, Any], *, centre: GeoPoint, after: tuple[float, str] | None, limit: int
    ) -> list[Distance]:
        near: dict[str, Any] = {
            "near": centre.model_dump(), "distanceField": "distance_m", "spherical": True, "key": "location",
            "query": query,
        }  # fmt: skip
        pipeline: list[dict[str, Any]] = [{"$geoNear": near}]
        if after is not None:
            metres, last_id = after
            near["minDistance"] = metres
            tie = {"distance_m": metres, "_id": {"$gt": last_id}}
            pipeline.append({"$match": {"$or": [{"distance_m": {"$gt": metres}}, tie]}})
        pipeline += [{"$sort": {"distance_m": 1, "_id": 1}}, {"$limit": limit}]
        found = []
        async for raw in await self._collection.aggregate(pipeline):
            metres = float(raw.pop("distance_m"))
            found.append(Distance(GroupDocument.from_mongo(raw), metres))
        return found

    async def _scanned_nearest(
        self, query: dict[str, Any], *, centre: GeoPoint, after: tuple[float, str] | None, limit: int
    ) -> list[Distance]:
        # Bounded by the open groups of one nation, read through an index on the nation.
        cursor = self._collection.find({**query, "location": {"$ne": None}}).hint("nation_discovery")
        measured = []
        async for raw in cursor:
            group = GroupDocument.from_mongo(raw)
            if group.location is not None:
                measured.append(Distance(group, haversine_m(centre, group.location)))
        measured.sort(key=lambda item: (item.metres, item.group.id))
        if after is not None:
            measured = [item for item in measured if (item.metres, item.group.id) > after]
        return measured[:limit]

    async def set_host(self, group_id: str, organisation_id: str | None, *, was: str | None, now: datetime) -> bool:
        """Host the live group by `organisation_id` (None: unhost) if its host is still `was`;
        False when the group is archived, missing, or its host changed meanwhile.
        """
        result = await self._collection.update_one(
            {"_id": group_id, "archived": False, "host_organisation_id": was},
            {"$set": {"host_organisation_id": organisation_id, "updated_at": now}},
        )
        return result.modified_count == 1

    async def attach_local_service(
        self, group_id: str, service_id: str, *, organisation_id: str, limit: int, now: datetime
    ) -> GroupDocument | None:
        """Add the service to the live group's list while `organisation_id` still hosts it and fewer
        than `limit` are attached (already there: nothing changes); None when a condition fails.
        One conditional update, so two leads at once never pass the limit.
        """
        query: dict[str, Any] = {
            "_id": group_id,
            "archived": False,
            "host_organisation_id": organisation_id,
            "$or": [{"local_service_ids": service_id}, {f"local_service_ids.{limit - 1}": {"$exists": False}}],
        }
        update = {"$addToSet": {"local_service_ids": service_id}, "$set": {"updated_at": now}}
        raw = await self._collection.find_one_and_update(query, update, return_document=ReturnDocument.AFTER)
        return GroupDocument.from_mongo(raw) if raw else None

    async def detach_local_service(self, group_id: str, service_id: str, *, now: datetime) -> GroupDocument | None:
        """Take the service off the live group's list (not there: nothing changes); None when archived or missing."""
        raw = await self._collection.find_one_and_update(
            {"_id": group_id, "archived": False},
            {"$pull": {"local_service_ids": service_id}, "$set": {"updated_at": now}},
            return_document=ReturnDocument.AFTER,
        )
        return GroupDocument.from_mongo(raw) if raw else None

    async def hosted_places(self, *, limit: int) -> list[HostedPlace]:
        """Every live hosted group's host, area and attached services: what signposting needs to add
        the host's local services from memory (read in the background, never while a member waits).
        """
        fields = {"host_organisation_id": 1, "home_area": 1, "local_service_ids": 1}
        cursor = self._collection.find({"host_organisation_id": {"$type": "string"}, "archived": False}, fields).limit(
            limit
        )
        places: list[HostedPlace] = []
        async for raw in cursor:
            area = raw.get("home_area") or {}
            places.append(
                HostedPlace(
                    group_id=raw["_id"],
                    organisation_id=raw["host_organisation_id"],
                    outward_code=area.get("outward_code"),
                    local_authority=area.get("local_authority"),
                    local_service_ids=tuple(raw.get("local_service_ids") or ()),
                )
            )
        return places

    async def hosted_by(self, organisation_ids: Sequence[str], *, limit: int) -> list[GroupDocument]:
        """Groups hosted by these organisations, by name (the `host` index)."""
        cursor = (
            self._collection.find({"host_organisation_id": {"$in": list(organisation_ids)}})
            .sort([("name_key", 1), ("_id", 1)])
            .limit(limit)
        )
        return [GroupDocument.from_mongo(raw) async for raw in cursor]
