"""The `checkins` collection: a member's record, and what they shared with their groups.

FerretDB 1.24 answers only the first accumulator of a `$group` (measured: every
further `$sum` came back 0), so each aggregation here has one `$count` and
groups by every field the caller needs; the rows are few and summed in Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pymongo.errors import DuplicateKeyError

from infra.mongo.client import Database
from infra.mongo.pagination import after_filter, sort_spec
from schemas.documents.checkins import CheckInDocument, CheckInVisibility
from schemas.pagination import Keyset, Page, page_of


class IdempotencyKeyTakenError(Exception):
    """The member already has a check-in with this idempotency key."""


@dataclass(frozen=True)
class DayMoods:
    """Check-ins of one local day with one mood and one energy (None: not given)."""

    day: date
    mood: int
    energy: int | None
    count: int


class CheckInsRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["checkins"]

    async def insert(self, check_in: CheckInDocument) -> None:
        try:
            await self._collection.insert_one(check_in.to_mongo())
        except DuplicateKeyError as error:
            raise IdempotencyKeyTakenError(check_in.idempotency_key) from error

    async def get_by_key(self, member_id: str, key: str) -> CheckInDocument | None:
        raw = await self._collection.find_one({"member_id": member_id, "idempotency_key": key})
        return CheckInDocument.from_mongo(raw) if raw else None

    async def page_for_member(self, member_id: str, *, after: Keyset | None, first: int) -> Page[CheckInDocument]:
        """The member's own check-ins, newest first (index member_history)."""
        query = {"member_id": member_id, **after_filter("recorded_at", after, descending=True)}
        cursor = self._collection.find(query).sort(sort_spec("recorded_at", descending=True)).limit(first + 1)
        return page_of([CheckInDocument.from_mongo(raw) async for raw in cursor], first)

    async def page_shared(
        self, group_id: str, member_ids: Sequence[str], *, after: Keyset | None, first: int
    ) -> Page[CheckInDocument]:
        """Check-ins these members shared with the group, newest first (index group_shared)."""
        query: dict[str, Any] = {
            "group_id": group_id,
            "visibility": CheckInVisibility.GROUP.value,
            "member_id": {"$in": list(member_ids)},
            **after_filter("recorded_at", after, descending=True),
        }
        cursor = self._collection.find(query).sort(sort_spec("recorded_at", descending=True)).limit(first + 1)
        return page_of([CheckInDocument.from_mongo(raw) async for raw in cursor], first)

    async def recent_moods(self, member_id: str, *, since: datetime, limit: int) -> list[tuple[datetime, int]]:
        """(recorded_at, mood) of the member's check-ins since `since`, newest first, at most `limit`
        (index member_history).
        """
        query = {"member_id": member_id, "recorded_at": {"$gte": since}}
        cursor = (
            self._collection.find(query, {"recorded_at": 1, "mood": 1})
            .sort([("recorded_at", -1), ("_id", -1)])
            .limit(limit)
        )
        return [(raw["recorded_at"], raw["mood"]) async for raw in cursor]

    async def moods_by_day(self, member_id: str, *, since: date) -> list[DayMoods]:
        """The member's check-ins from local day `since` on, counted per (day, mood, energy): at most
        5 x 6 rows a day however many check-ins there are (index member_days).
        """
        pipeline: list[dict[str, Any]] = [
            {"$match": {"member_id": member_id, "local_day": {"$gte": since.isoformat()}}},
            {"$group": {"_id": {"day": "$local_day", "mood": "$mood", "energy": "$energy"}, "n": {"$count": {}}}},
        ]
        rows = await (await self._collection.aggregate(pipeline)).to_list(None)
        return [
            DayMoods(date.fromisoformat(row["_id"]["day"]), row["_id"]["mood"], row["_id"].get("energy"), row["n"])
            for row in rows
        ]

    async def shared_moods(
        self, group_id: str, member_ids: Sequence[str], *, start: datetime, end: datetime
    ) -> list[tuple[int, str, int]]:
        """(mood, member id, check-ins) of what these members shared with the group in [start, end):
        at most 5 rows per member (index group_shared).
        """
        pipeline: list[dict[str, Any]] = [
            {
                "$match": {
                    "group_id": group_id,
                    "visibility": CheckInVisibility.GROUP.value,
                    "recorded_at": {"$gte": start, "$lt": end},
                    "member_id": {"$in": list(member_ids)},
                }
            },
            {"$group": {"_id": {"mood": "$mood", "member": "$member_id"}, "n": {"$count": {}}}},
        ]
        rows = await (await self._collection.aggregate(pipeline)).to_list(None)
        return [(row["_id"]["mood"], row["_id"]["member"], row["n"]) for row in rows]

    async def participation(
        self, *, start: datetime, end: datetime, member_ids: Sequence[str] | None
    ) -> list[tuple[str, str | None, datetime]]:
        """(member, group, when) of each check-in recorded in [start, end), of these members (None: everyone's).
        The platform's whole report reads the period's check-ins: a staff report, run rarely.
        """
        query: dict[str, Any] = {"recorded_at": {"$gte": start, "$lt": end}}
        if member_ids is not None:
            query["member_id"] = {"$in": list(member_ids)}
        cursor = self._collection.find(query, {"member_id": 1, "group_id": 1, "recorded_at": 1})
        return [(raw["member_id"], raw.get("group_id"), raw["recorded_at"]) async for raw in cursor]
