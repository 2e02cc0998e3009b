"""The `threads` collection: private conversations, at most one open per member and group (or staff)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from infra.mongo.client import Database
from infra.mongo.pagination import after_filter, sort_spec
from schemas.documents.threads import ThreadDocument, ThreadEnding, ThreadSide, ThreadStatus
from schemas.pagination import Keyset, Page, page_of

ACTIVITY = "activity_at"
_OPEN = ThreadStatus.OPEN.value
_NOT_WAITING = {"waiting_since": None, "nudge_at": None, "escalate_at": None}


class ThreadsRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["threads"]

    async def open(self, thread: ThreadDocument) -> bool:
        """Insert a new open thread; False when one is open already for the same key."""
        try:
            await self._collection.insert_one(thread.to_mongo())
        except DuplicateKeyError:
            return False
        return True

    async def get(self, thread_id: str) -> ThreadDocument | None:
        raw = await self._collection.find_one({"_id": thread_id})
        return ThreadDocument.from_mongo(raw) if raw else None

    async def get_many(self, thread_ids: Sequence[str]) -> list[ThreadDocument]:
        cursor = self._collection.find({"_id": {"$in": list(thread_ids)}})
        return [ThreadDocument.from_mongo(raw) async for raw in cursor]

    async def open_by_key(self, open_key: str) -> ThreadDocument | None:
        raw = await self._collection.find_one({"open_key": open_key})
        return ThreadDocument.from_mongo(raw) if raw else None

    async def page_for_member(self, member_id: str, *, after: Keyset | None, first: int) -> Page[ThreadDocument]:
        """The member's own threads, latest activity first (index member_threads)."""
        return await self._page({"member_id": member_id}, after=after, first=first)

    async def page_for_group(
        self, group_id: str, *, waiting_only: bool, after: Keyset | None, first: int
    ) -> Page[ThreadDocument]:
        """A group's threads with its leadership, latest activity first (index group_threads)."""
        query: dict[str, Any] = {"group_id": group_id}
        if waiting_only:
            query |= {"status": _OPEN, "waiting_since": {"$ne": None}}
        return await self._page(query, after=after, first=first)

    async def page_for_staff(self, *, after: Keyset | None, first: int) -> Page[ThreadDocument]:
        """Every thread safeguarding staff may read, latest activity first (index staff_threads)."""
        return await self._page({"staff_readable": True}, after=after, first=first)

    async def _page(self, query: dict[str, Any], *, after: Keyset | None, first: int) -> Page[ThreadDocument]:
        query = query | after_filter(ACTIVITY, after, descending=True)
        cursor = self._collection.find(query).sort(sort_spec(ACTIVITY, descending=True)).limit(first + 1)
        return page_of([ThreadDocument.from_mongo(raw) async for raw in cursor], first)

    async def waiting_in_groups(self, group_ids: Sequence[str], *, limit: int) -> list[tuple[str, str, datetime]]:
        """(group id, member id, waiting since) of the open threads waiting for their leadership's reply."""
        query = {"group_id": {"$in": list(group_ids)}, "waiting_since": {"$ne": None}, "status": _OPEN}
        cursor = self._collection.find(query, {"group_id": 1, "member_id": 1, "waiting_since": 1}).limit(limit)
        return [(raw["group_id"], raw["member_id"], raw["waiting_since"]) async for raw in cursor]

    async def open_for_member(self, member_id: str, *, limit: int) -> list[ThreadDocument]:
        cursor = self._collection.find({"member_id": member_id, "status": _OPEN}).limit(limit)
        return [ThreadDocument.from_mongo(raw) async for raw in cursor]

    async def open_in_group(self, group_id: str, *, limit: int) -> list[ThreadDocument]:
        cursor = self._collection.find({"group_id": group_id, "status": _OPEN}).limit(limit)
        return [ThreadDocument.from_mongo(raw) async for raw in cursor]

    async def note_member_message(self, thread_id: str, *, at: datetime) -> None:
        """The member wrote: the thread moves up its inboxes."""
        await self._collection.update_one({"_id": thread_id}, {"$set": {ACTIVITY: at, "last_member_message_at": at}})

    async def start_waiting(
        self, thread_id: str, *, at: datetime, nudge_at: datetime | None, escalate_at: datetime | None
    ) -> None:
        """The member waits for a reply from `at`, unless they were waiting already (the oldest wait counts)."""
        waiting = {"waiting_since": at, "nudge_at": nudge_at, "escalate_at": escalate_at}
        await self._collection.update_one({"_id": thread_id, "status": _OPEN, "waiting_since": None}, {"$set": waiting})

    async def note_team_message(self, thread_id: str, *, at: datetime, writer_id: str | None) -> None:
        """The other side wrote: the thread moves up and no longer waits; a lead or co-lead joins its writers."""
        update: dict[str, Any] = {"$set": {ACTIVITY: at, "last_team_message_at": at, **_NOT_WAITING}}
        if writer_id is not None:
            update["$addToSet"] = {"team_writers": writer_id}
        await self._collection.update_one({"_id": thread_id}, update)

    async def mark_seen(self, thread_id: str, *, side: ThreadSide, at: datetime) -> ThreadDocument | None:
        field = "member_seen_at" if side is ThreadSide.MEMBER else "team_seen_at"
        raw = await self._collection.find_one_and_update(
            {"_id": thread_id}, {"$set": {field: at}}, return_document=ReturnDocument.AFTER
        )
        return ThreadDocument.from_mongo(raw) if raw else None

    async def close(
        self, thread: ThreadDocument, *, by: ThreadSide | None, ending: ThreadEnding, at: datetime
    ) -> ThreadDocument | None:
        """Close an open thread and free its key (the closed one names only the thread, never the member);
        None when it was closed already.
        """
        changes = {
            "status": ThreadStatus.CLOSED.value, "closed_at": at, "closed_by": by.value if by else None,
            "ending": ending.value, "open_key": f"closed:{thread.id}", **_NOT_WAITING,
        }  # fmt: skip
        raw = await self._collection.find_one_and_update(
            {"_id": thread.id, "status": _OPEN}, {"$set": changes}, return_document=ReturnDocument.AFTER
        )
        return ThreadDocument.from_mongo(raw) if raw else None

    async def close_open_for(
        self, group_id: str, member_id: str | None, *, ending: ThreadEnding, at: datetime, limit: int = 200
    ) -> int:
        """Close the open threads of a group with one member (None: with all of them): the member left
        or was removed, or the group was archived. One thread at a time, each key freed.
        """
        query: dict[str, Any] = {"group_id": group_id, "status": _OPEN}
        if member_id is not None:
            query["member_id"] = member_id
        found = [ThreadDocument.from_mongo(raw) async for raw in self._collection.find(query).limit(limit)]
        return sum([await self.close(thread, by=None, ending=ending, at=at) is not None for thread in found])

    async def flag(self, thread_id: str) -> None:
        """Safeguarding staff may read it from now on."""
        await self._collection.update_one({"_id": thread_id}, {"$set": {"flagged": True, "staff_readable": True}})

    async def due_nudges(self, now: datetime, *, limit: int) -> list[ThreadDocument]:
        """Open threads whose 48-hour nudge is due, earliest first (index nudge_due)."""
        cursor = self._collection.find({"nudge_at": {"$lte": now}}).sort(sort_spec("nudge_at", descending=False))
        return [ThreadDocument.from_mongo(raw) async for raw in cursor.limit(limit)]

    async def due_escalations(self, now: datetime, *, limit: int) -> list[ThreadDocument]:
        """Open threads whose 72-hour alert to staff is due, earliest first (index escalate_due)."""
        cursor = self._collection.find({"escalate_at": {"$lte": now}}).sort(sort_spec("escalate_at", descending=False))
        return [ThreadDocument.from_mongo(raw) async for raw in cursor.limit(limit)]

    async def nudged(self, thread_id: str, *, waiting_since: datetime) -> None:
        """The nudge for this wait is done (a reply since has cleared it anyway)."""
        await self._collection.update_one(
            {"_id": thread_id, "waiting_since": waiting_since}, {"$set": {"nudge_at": None}}
        )

    async def escalated(self, thread_id: str, *, waiting_since: datetime) -> None:
        """Staff were told of this wait; staff may read the thread from now on."""
        await self._collection.update_one(
            {"_id": thread_id, "waiting_since": waiting_since},
            {"$set": {"escalate_at": None, "flagged": True, "staff_readable": True}},
        )
