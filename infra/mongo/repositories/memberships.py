"""The `memberships` collection: who is in which group, in which role."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from infra.mongo.client import Database
from infra.mongo.pagination import Keyset, Page, after_filter, page_of, sort_spec
from schemas.documents.memberships import GroupRole, MembershipDocument, MembershipStatus

_ACTIVE = MembershipStatus.ACTIVE.value
LEADER_ROLES = (GroupRole.LEAD.value, GroupRole.CO_LEAD.value)


class MembershipExistsError(Exception):
    """The member already has a membership in this group (unique pair), active or removed."""


class MembershipsRepository:
    def __init__(self, db: Database) -> None:
        self._collection = db["memberships"]

    async def insert(self, membership: MembershipDocument) -> None:
        try:
            await self._collection.insert_one(membership.to_mongo())
        except DuplicateKeyError as error:
            raise MembershipExistsError(membership.group_id) from error

    async def get(self, group_id: str, member_id: str) -> MembershipDocument | None:
        """The pair's membership, active or removed."""
        raw = await self._collection.find_one({"group_id": group_id, "member_id": member_id})
        return MembershipDocument.from_mongo(raw) if raw else None

    async def active_for_member_in(self, member_id: str, group_ids: Sequence[str]) -> list[MembershipDocument]:
        """The member's active memberships among these groups: one `$in` query."""
        cursor = self._collection.find(
            {"member_id": member_id, "group_id": {"$in": list(group_ids)}, "status": _ACTIVE}
        )
        return [MembershipDocument.from_mongo(raw) async for raw in cursor]

    async def active_for_member(self, member_id: str, *, limit: int) -> list[MembershipDocument]:
        """The member's active memberships (a person is in a handful of groups; `limit` bounds it)."""
        cursor = self._collection.find({"member_id": member_id, "status": _ACTIVE}).limit(limit)
        return [MembershipDocument.from_mongo(raw) async for raw in cursor]

    async def record_check_in(self, member_id: str, group_ids: Sequence[str], *, at: datetime) -> int:
        """The member checked in at `at` for these groups: `last_checkin_at` moves forward, never back
        (an offline check-in synced late is older than one made since).
        """
        result = await self._collection.update_many(
            {"member_id": member_id, "group_id": {"$in": list(group_ids)}, "status": _ACTIVE},
            {"$max": {"last_checkin_at": at}},
        )
        return result.modified_count

    async def page_for_member(
        self, member_id: str, *, roles: Sequence[str] | None = None, after: Keyset | None, first: int
    ) -> Page[MembershipDocument]:
        """The member's active memberships (in `roles`, when given), newest first."""
        query: dict[str, Any] = {"member_id": member_id, "status": _ACTIVE}
        if roles is not None:
            query["role"] = {"$in": list(roles)}
        query |= after_filter("joined_at", after, descending=True)
        cursor = self._collection.find(query).sort(sort_spec("joined_at", descending=True)).limit(first + 1)
        return page_of([MembershipDocument.from_mongo(raw) async for raw in cursor], first)

    async def leading(self, member_id: str, *, limit: int) -> list[MembershipDocument]:
        """Every group the member leads or co-leads (a person leads a handful; `limit` bounds it)."""
        query = {"member_id": member_id, "status": _ACTIVE, "role": {"$in": list(LEADER_ROLES)}}
        return [MembershipDocument.from_mongo(raw) async for raw in self._collection.find(query).limit(limit)]

    async def leaders_of(self, group_id: str) -> list[MembershipDocument]:
        """The group's leads and co-leads."""
        query = {"group_id": group_id, "status": _ACTIVE, "role": {"$in": list(LEADER_ROLES)}}
        return [MembershipDocument.from_mongo(raw) async for raw in self._collection.find(query)]

    async def active_for_members(self, member_ids: Sequence[str]) -> list[MembershipDocument]:
        """Every active membership of these members: one `$in` query (a member is in a handful of groups)."""
        cursor = self._collection.find({"member_id": {"$in": list(member_ids)}, "status": _ACTIVE})
        return [MembershipDocument.from_mongo(raw) async for raw in cursor]

    async def leaders_of_groups(self, group_ids: Sequence[str]) -> list[MembershipDocument]:
        """The leads and co-leads of these groups: one `$in` query, a handful per group."""
        query = {"group_id": {"$in": list(group_ids)}, "status": _ACTIVE, "role": {"$in": list(LEADER_ROLES)}}
        return [MembershipDocument.from_mongo(raw) async for raw in self._collection.find(query)]

    async def record_activity(self, membership_id: str, *, now: datetime, precision: timedelta) -> None:
        """Set `last_active_at` to now, unless it is already within `precision` of it: one
        command, and most of the time no write at all.
        """
        stale = {"$or": [{"last_active_at": None}, {"last_active_at": {"$lt": now - precision}}]}
        await self._collection.update_one({"_id": membership_id, **stale}, {"$set": {"last_active_at": now}})

    async def active_in_groups(self, group_ids: Sequence[str]) -> list[MembershipDocument]:
        """Every active membership of these groups: bounded, as a group holds at most 100."""
        cursor = self._collection.find({"group_id": {"$in": list(group_ids)}, "status": _ACTIVE})
        return [MembershipDocument.from_mongo(raw) async for raw in cursor]

    async def count_established(self, group_id: str, *, joined_before: datetime, limit: int) -> int:
        """Active members who joined before `joined_before`, counted up to `limit` (index group_roster)."""
        query = {"group_id": group_id, "status": _ACTIVE, "joined_at": {"$lt": joined_before}}
        return await self._collection.count_documents(query, limit=limit)

    async def member_ids_ever_in(self, group_id: str) -> list[str]:
        """Every member with a membership of the group, active or removed (those who left have none)."""
        cursor = self._collection.find({"group_id": group_id}, {"member_id": 1})
        return [raw["member_id"] async for raw in cursor]

    async def set_muted(self, group_id: str, member_id: str, *, until: datetime | None) -> MembershipDocument | None:
        """Mute an active member until `until` (None: unmute)."""
        raw = await self._collection.find_one_and_update(
            self._active(group_id, member_id), {"$set": {"muted_until": until}}, return_document=ReturnDocument.AFTER
        )
        return MembershipDocument.from_mongo(raw) if raw else None

    async def change_role(
        self, group_id: str, member_id: str, *, from_roles: Sequence[GroupRole], to: GroupRole
    ) -> bool:
        """Change an active member's role if it is one of `from_roles`; False otherwise."""
        result = await self._collection.update_one(
            {**self._active(group_id, member_id), "role": {"$in": [role.value for role in from_roles]}},
            {"$set": {"role": to.value}},
        )
        return result.modified_count == 1

    async def set_away(self, group_id: str, member_id: str, *, until: datetime | None) -> MembershipDocument | None:
        """Mark a lead or co-lead away until `until` (None: back now)."""
        raw = await self._collection.find_one_and_update(
            {**self._active(group_id, member_id), "role": {"$in": list(LEADER_ROLES)}},
            {"$set": {"away_until": until}},
            return_document=ReturnDocument.AFTER,
        )
        return MembershipDocument.from_mongo(raw) if raw else None

    async def delete_active(self, group_id: str, member_id: str, *, role: GroupRole) -> bool:
        """The member leaves: the pair is free again, so they may rejoin later."""
        result = await self._collection.delete_one({**self._active(group_id, member_id), "role": role.value})
        return result.deleted_count == 1

    async def mark_removed(self, group_id: str, member_id: str, *, role: GroupRole, now: datetime) -> bool:
        """Removed by a lead or staff: kept, so the unique pair stops them rejoining."""
        result = await self._collection.update_one(
            {**self._active(group_id, member_id), "role": role.value},
            {"$set": {"status": MembershipStatus.REMOVED.value, "removed_at": now}},
        )
        return result.modified_count == 1

    async def set_hidden(self, member_id: str, *, hidden: bool) -> None:
        """Out of (or back in) every member list while the member waits to be deleted."""
        await self._collection.update_many({"member_id": member_id}, {"$set": {"hidden": hidden}})

    @staticmethod
    def _active(group_id: str, member_id: str) -> dict[str, Any]:
        return {"group_id": group_id, "member_id": member_id, "status": _ACTIVE}
