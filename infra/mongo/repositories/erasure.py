"""Erasing one member across collections (REG-6), for the account purge.

Like `personal_data`, the member-wide writes live in one place so that the
purge's coverage of every collection can be reviewed, and tested, at once.
Every write is idempotent: a purge killed mid-way is simply run again.
"""

from __future__ import annotations

from collections.abc import Sequence

from infra.mongo.client import Database
from schemas.documents.memberships import MembershipDocument
from schemas.documents.shares import ContentStatus

_PUBLISHED = ContentStatus.PUBLISHED.value


class ErasureRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def delete_by_member(self, collection: str, member_id: str, field: str = "member_id") -> int:
        """Every document of `collection` whose `field` is the member (an indexed field)."""
        result = await self._db[collection].delete_many({field: member_id})
        return result.deleted_count

    async def tombstone(self, collection: str, field: str, member_id: str, tombstone_id: str) -> int:
        """Keep the entries, with the member replaced by their tombstone id."""
        result = await self._db[collection].update_many({field: member_id}, {"$set": {field: tombstone_id}})
        return result.modified_count

    async def tombstone_in_list(self, collection: str, field: str, member_id: str, tombstone_id: str) -> int:
        """The same, where the member is one of a list (each document names them once)."""
        result = await self._db[collection].update_many({field: member_id}, {"$set": {f"{field}.$": tombstone_id}})
        return result.modified_count

    async def delete_shares(self, share_ids: Sequence[str], reply_ids: Sequence[str]) -> None:
        """The member's shares with every reply to them, their links and the reactions on them.

        In an order a rerun can resume from: the replies' links before the replies, and the
        shares' authorship last, since it is how a rerun finds the shares left.
        """
        shares, replies = {"$in": list(share_ids)}, {"$in": list(reply_ids)}
        await self._db["reactions"].delete_many({"target_id": shares})
        await self._db["bylines"].delete_many({"_id": replies})
        await self._db["authorship"].delete_many({"_id": replies})
        await self._db["responses"].delete_many({"_id": replies})
        await self._db["bylines"].delete_many({"_id": shares})
        await self._db["shares"].delete_many({"_id": shares})
        await self._db["authorship"].delete_many({"_id": shares})

    async def response_ids_to(self, share_ids: Sequence[str]) -> list[str]:
        cursor = self._db["responses"].find({"share_id": {"$in": list(share_ids)}}, {"_id": 1})
        return [raw["_id"] async for raw in cursor]

    async def delete_response(self, response_id: str) -> None:
        """One of the member's responses to someone else's share; the share's count follows.
        A crash between the two leaves the display count one too high, never a rule broken.
        """
        raw = await self._db["responses"].find_one_and_delete({"_id": response_id})
        if raw is not None and raw["status"] == _PUBLISHED:
            await self._db["shares"].update_one(
                {"_id": raw["share_id"], "response_count": {"$gt": 0}}, {"$inc": {"response_count": -1}}
            )
        await self._db["bylines"].delete_one({"_id": response_id})
        await self._db["authorship"].delete_one({"_id": response_id})  # last: how a rerun finds it

    async def delete_reactions(self, reactor_key: str) -> None:
        """The reactions the member gave. Their shares' counts stay as they are: counts are anonymous,
        and a drop at the purge would show which shares the member reacted to.
        """
        await self._db["reactions"].delete_many({"reactor_key": reactor_key})

    async def delete_notifications(self, member_id: str) -> None:
        """Theirs (with the push claims on them), and leads' heads-ups that name them."""
        ids = [raw["_id"] async for raw in self._db["notifications"].find({"member_id": member_id}, {"_id": 1})]
        await self._db["push_claims"].delete_many({"notification_id": {"$in": ids}})
        await self._db["notifications"].delete_many({"member_id": member_id})
        await self._db["notifications"].delete_many({"params.memberId": member_id})

    async def end_membership(self, membership_id: str, group_id: str, *, lead: bool, counted: bool) -> None:
        """Give back the group's place (and lead count) exactly once, then delete the membership.

        The group document remembers the membership it released (one-document atomicity),
        so a rerun after a crash between the two writes does not release it twice. On real
        MongoDB the filtered update is exclusive; FerretDB's read-modify-write may let two
        concurrent purges both match, but both then write the same released document.
        """
        if counted:
            changes = {"member_count": -1, "free_slots": 1} | ({"lead_count": -1} if lead else {})
            await self._db["groups"].update_one(
                {"_id": group_id, "released_for": {"$ne": membership_id}},
                {"$inc": changes, "$push": {"released_for": membership_id}},
            )
        await self._db["memberships"].delete_one({"_id": membership_id})
        await self._db["groups"].update_one({"_id": group_id}, {"$pull": {"released_for": membership_id}})

    async def memberships(self, member_id: str) -> list[MembershipDocument]:
        return [
            MembershipDocument.from_mongo(raw) async for raw in self._db["memberships"].find({"member_id": member_id})
        ]

    async def forget_thread_writer(self, member_id: str) -> None:
        """A lead or co-lead who wrote in threads is no longer first told of their members' messages."""
        await self._db["threads"].update_many({"team_writers": member_id}, {"$pull": {"team_writers": member_id}})
