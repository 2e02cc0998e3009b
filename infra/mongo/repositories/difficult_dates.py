"""The `difficult_dates` collection."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pymongo.errors import DuplicateKeyError

from infra.mongo.client import Database
from infra.mongo.pagination import after_filter, sort_spec
from schemas.documents.difficult_dates import DifficultDateDocument
from schemas.pagination import Keyset, Page, page_of


class SlotTakenError(Exception):
    """Another date took this slot first (unique member and slot)."""


class DifficultDatesRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["difficult_dates"]

    async def used_slots(self, member_id: str) -> set[int]:
        cursor = self._collection.find({"member_id": member_id}, {"slot": 1})
        return {raw["slot"] async for raw in cursor}

    async def insert(self, item: DifficultDateDocument) -> None:
        try:
            await self._collection.insert_one(item.to_mongo())
        except DuplicateKeyError as error:
            raise SlotTakenError(item.slot) from error

    async def delete_for_member(self, member_id: str, date_id: str) -> bool:
        """Remove one of the member's dates; False when it is not theirs or not there."""
        result = await self._collection.delete_one({"_id": date_id, "member_id": member_id})
        return result.deleted_count == 1

    async def page_for_member(self, member_id: str, *, first: int, after: Keyset | None) -> Page[DifficultDateDocument]:
        """The member's dates through the year, January first."""
        query = {"member_id": member_id, **after_filter("month_day", after, descending=False)}
        cursor = self._collection.find(query).sort(sort_spec("month_day", descending=False)).limit(first + 1)
        return page_of([DifficultDateDocument.from_mongo(raw) async for raw in cursor], first)

    async def due(self, field: str, now: datetime, *, limit: int, after: Keyset | None) -> list[DifficultDateDocument]:
        """Dates whose `field` (`next_check_in_at` or `next_heads_up_at`) is due, oldest first."""
        query = {field: {"$lte": now}, **after_filter(field, after, descending=False)}
        cursor = self._collection.find(query).sort(sort_spec(field, descending=False)).limit(limit)
        return [DifficultDateDocument.from_mongo(raw) async for raw in cursor]

    async def move_check_in(self, date_id: str, *, was: datetime | None, on: date | None, at: datetime | None) -> None:
        """The next check-in, unless another worker already moved it on from `was`."""
        await self._move(date_id, "next_check_in_at", was, {"check_in_on": _day(on), "next_check_in_at": at})

    async def move_heads_up(self, date_id: str, *, was: datetime | None, on: date | None, at: datetime | None) -> None:
        """The next look at telling leads, unless another worker already moved it on from `was`."""
        await self._move(date_id, "next_heads_up_at", was, {"heads_up_on": _day(on), "next_heads_up_at": at})

    async def _move(self, date_id: str, field: str, was: datetime | None, changes: dict[str, Any]) -> None:
        await self._collection.update_one({"_id": date_id, field: was}, {"$set": changes})


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None
