"""The `memberships` collection: who is in which group, in which role."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from infra.mongo.client import Database
from infra.mongo.pagination import after_filter, sort_spec
from schemas.documents.memberships import GroupRole, MembershipDocument, MembershipStatus, QuietEpisode
from schemas.pagination import Keyset, Page, page_of

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

    async def insert_many(self, memberships: Sequence[MembershipDocument]) -> None:
        """Many new memberships in one command (seeding and imports; joining goes through `insert`)."""
        await self._collection.insert_many([membership.to_mongo() for membership in memberships], ordered=False)

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

    async def record_check_in(
        self, member_id: str, group_ids: Sequence[str], *, at: datetime, evaluate_at: datetime
    ) -> int:
        """The member checked in at `at` for these groups: `last_checkin_at` and the quiet scan's next
        look move forward, never back (an offline check-in synced late is older than one made since).
        """
        result = await self._collection.update_many(
            {"member_id": member_id, "group_id": {"$in": list(group_ids)}, "status": _ACTIVE},
            {"$max": {"last_checkin_at": at, "next_evaluation_at": evaluate_at}},
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
        """Active members who joined before `joined_before`, counted up to `limit` (index group_roster).
        A member waiting to be deleted is not counted: they are out of the group for everyone else.
        """
        query = {"group_id": group_id, "status": _ACTIVE, "hidden": {"$ne": True}, "joined_at": {"$lt": joined_before}}
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

    async def set_leads_blocked(self, group_id: str, member_id: str, *, blocked: bool) -> MembershipDocument | None:
        """The member blocks (or unblocks) the group's leads from starting conversations; None if not active."""
        raw = await self._collection.find_one_and_update(
            self._active(group_id, member_id),
            {"$set": {"leads_blocked": blocked}},
            return_document=ReturnDocument.AFTER,
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
            {"$set": {"status": MembershipStatus.REMOVED.value, "removed_at": now, "next_evaluation_at": None}},
        )
        return result.modified_count == 1

    async def set_hidden(self, member_id: str, *, hidden: bool) -> None:
        """Out of (or back in) every member list while the member waits to be deleted."""
        await self._collection.update_many({"member_id": member_id}, {"$set": {"hidden": hidden}})

    # The quiet scan (domain/noticing/quiet_scan.py) and the events that move it.

    async def due_for_evaluation(self, now: datetime, *, limit: int, after: Keyset | None) -> list[MembershipDocument]:
        """Memberships whose `next_evaluation_at` is due, oldest first (index quiet_due): only those."""
        query = {"next_evaluation_at": {"$lte": now}, **after_filter("next_evaluation_at", after, descending=False)}
        cursor = self._collection.find(query).sort(sort_spec("next_evaluation_at", descending=False)).limit(limit)
        return [MembershipDocument.from_mongo(raw) async for raw in cursor]

    async def set_evaluation(self, membership_id: str, *, at: datetime | None, was: datetime | None) -> None:
        """Look again at `at`, unless an event moved the evaluation on from `was` meanwhile."""
        await self._collection.update_one(
            {"_id": membership_id, "next_evaluation_at": was}, {"$set": {"next_evaluation_at": at}}
        )

    async def start_quiet(self, membership: MembershipDocument, episode: QuietEpisode) -> bool:
        """Open an episode, unless the member was active (or another tick moved it on) since it was read.
        On MongoDB the filter makes this exclusive; on FerretDB two ticks may both write it, with the
        same computed values, and each step's unique key still sends once.
        """
        result = await self._collection.update_one(
            {
                "_id": membership.id, "quiet": None, "quiet_episodes": _count(membership.quiet_episodes),
                "last_checkin_at": membership.last_checkin_at, "last_engaged_at": membership.last_engaged_at,
            },
            {"$set": {"quiet": episode.model_dump(mode="python"), "quiet_episodes": episode.number,
                      **({"missed_sessions_at": None} if episode.missed_sessions else {})}},
        )  # fmt: skip
        return result.matched_count == 1

    async def note_missed_sessions(self, group_id: str, member_ids: Sequence[str], *, now: datetime) -> int:
        """These members missed the group's last 2 sessions after coming before: the quiet scan looks now."""
        if not member_ids:
            return 0
        result = await self._collection.update_many(
            {"group_id": group_id, "member_id": {"$in": list(member_ids)}, "status": _ACTIVE,
             "missed_sessions_at": None},
            {"$set": {"missed_sessions_at": now, "next_evaluation_at": now}},
        )  # fmt: skip
        return result.modified_count

    async def note_attended(self, group_id: str, member_ids: Sequence[str]) -> None:
        """They came to a session: no longer someone who stopped coming."""
        await self._collection.update_many(
            {"group_id": group_id, "member_id": {"$in": list(member_ids)}, "missed_sessions_at": {"$ne": None}},
            {"$set": {"missed_sessions_at": None}},
        )

    async def advance_quiet(self, membership_id: str, episode: QuietEpisode, *, next_at: datetime | None) -> None:
        """Record the steps taken in the open episode `episode.number` (a no-op once it has ended)."""
        await self._collection.update_one(
            {"_id": membership_id, "quiet.number": episode.number},
            {"$set": {"quiet": episode.model_dump(mode="python"), "next_evaluation_at": next_at}},
        )

    async def end_quiet(self, member_id: str, group_ids: Sequence[str], *, now: datetime) -> int:
        """The member was active in these groups: any open episode there ends at once (its pending step
        time goes too; `note_activity` then sets the next look).
        """
        result = await self._collection.update_many(
            {"member_id": member_id, "group_id": {"$in": list(group_ids)}, "quiet": {"$ne": None}},
            {"$set": {"quiet": None, "quiet_ended_at": now, "next_evaluation_at": None}},
        )
        return result.modified_count

    async def note_activity(
        self, member_id: str, group_id: str, *, evaluate_at: datetime, engaged_at: datetime | None
    ) -> None:
        """Move the next look forward to when the member could next be quiet (and, for a named post,
        `last_engaged_at`): `$max`, so an older event synced late never moves either back.
        """
        later: dict[str, datetime] = {"next_evaluation_at": evaluate_at}
        if engaged_at is not None:
            later["last_engaged_at"] = engaged_at
        await self._collection.update_one(self._active(group_id, member_id), {"$max": later})

    async def evaluate_group_now(self, group_id: str, *, now: datetime) -> None:
        """The group's quiet rules changed: look at every active member again (a group holds at most 100)."""
        await self._collection.update_many(
            {"group_id": group_id, "status": _ACTIVE}, {"$set": {"next_evaluation_at": now}}
        )

    async def withdraw_listings(self, member_id: str, *, now: datetime) -> None:
        """The member withdrew consent or took a break: their leads stop seeing them as quiet at once,
        and the scan looks again (it lists them again only when allowed).
        """
        await self._collection.update_many(
            {"member_id": member_id, "quiet.listed_at": {"$ne": None}},
            {"$set": {"quiet.listed_at": None, "next_evaluation_at": now}},
        )

    async def evaluate_episodes_now(self, member_id: str, *, now: datetime) -> None:
        """The member's consent came back: the scan looks at their open episodes again."""
        await self._collection.update_many(
            {"member_id": member_id, "quiet": {"$ne": None}}, {"$set": {"next_evaluation_at": now}}
        )

    async def listed_in_groups(self, group_ids: Sequence[str], *, limit: int) -> list[MembershipDocument]:
        """Members shown to these groups' leads as quiet (a group holds at most 100; `limit` bounds it)."""
        query = {"group_id": {"$in": list(group_ids)}, "status": _ACTIVE, "quiet.listed_at": {"$ne": None}}
        return [MembershipDocument.from_mongo(raw) async for raw in self._collection.find(query).limit(limit)]

    async def page_listed(
        self, group_id: str, *, viewer_id: str, after: Keyset | None, first: int
    ) -> Page[MembershipDocument]:
        """A group's members (but the viewer) shown to its leads as quiet, quiet longest first (index group_roster)."""
        query: dict[str, Any] = {
            "group_id": group_id, "status": _ACTIVE, "quiet.listed_at": {"$ne": None}, "member_id": {"$ne": viewer_id}
        }  # fmt: skip
        query |= after_filter("quiet.since", after, descending=False)
        cursor = self._collection.find(query).sort(sort_spec("quiet.since", descending=False)).limit(first + 1)
        return page_of([MembershipDocument.from_mongo(raw) async for raw in cursor], first)

    @staticmethod
    def _active(group_id: str, member_id: str) -> dict[str, Any]:
        return {"group_id": group_id, "member_id": member_id, "status": _ACTIVE}


def _count(value: int) -> Any:
    """A counter's filter; 0 also matches a document written before the counter existed."""
    return {"$in": [0, None]} if value == 0 else value
