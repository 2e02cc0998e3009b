"""A member's own data across collections, read for their export (REG-5).

Data rights touch every collection, so the member-wide reads live here, in
one reviewable place, rather than spread over each collection's repository.
Every read goes through an index on the member's id or key; each is bounded
by what one member can create (a cap per query keeps a runaway safe).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from infra.mongo.client import Database
from schemas.documents.attendance import AttendanceDocument
from schemas.documents.calendar_feeds import CalendarFeedDocument
from schemas.documents.checkins import CheckInDocument
from schemas.documents.devices import DeviceDocument
from schemas.documents.difficult_dates import DifficultDateDocument
from schemas.documents.follow_ups import FollowUpDocument
from schemas.documents.join_requests import JoinRequestDocument
from schemas.documents.memberships import MembershipDocument
from schemas.documents.message_reports import MessageReportDocument
from schemas.documents.messages import MessageDocument
from schemas.documents.notifications import NotificationDocument
from schemas.documents.reactions import ReactionDocument
from schemas.documents.reports import ReportDocument
from schemas.documents.responses import ResponseDocument
from schemas.documents.rsvps import RsvpDocument
from schemas.documents.shares import ShareDocument
from schemas.documents.threads import ThreadDocument

_CAP = 50_000  # far above what one member makes in years; a bound, not a page


class PersonalDataRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def _find(self, collection: str, query: dict[str, Any]) -> list[dict[str, Any]]:
        return await self._db[collection].find(query).sort("_id", 1).limit(_CAP).to_list(None)

    async def check_ins(self, member_id: str) -> list[CheckInDocument]:
        return [CheckInDocument.from_mongo(raw) for raw in await self._find("checkins", {"member_id": member_id})]

    async def memberships(self, member_id: str) -> list[MembershipDocument]:
        found = await self._find("memberships", {"member_id": member_id})
        return [MembershipDocument.from_mongo(raw) for raw in found]

    async def devices(self, member_id: str) -> list[DeviceDocument]:
        return [DeviceDocument.from_mongo(raw) for raw in await self._find("devices", {"member_id": member_id})]

    async def notifications(self, member_id: str) -> list[NotificationDocument]:
        found = await self._find("notifications", {"member_id": member_id})
        return [NotificationDocument.from_mongo(raw) for raw in found]

    async def difficult_dates(self, member_id: str) -> list[DifficultDateDocument]:
        found = await self._find("difficult_dates", {"member_id": member_id})
        return [DifficultDateDocument.from_mongo(raw) for raw in found]

    async def follow_ups(self, member_id: str) -> list[FollowUpDocument]:
        return [FollowUpDocument.from_mongo(raw) for raw in await self._find("follow_ups", {"member_id": member_id})]

    async def join_requests(self, member_id: str) -> list[JoinRequestDocument]:
        found = await self._find("join_requests", {"member_id": member_id})
        return [JoinRequestDocument.from_mongo(raw) for raw in found]

    async def reports_made(self, member_id: str) -> list[ReportDocument]:
        found = await self._find("reports", {"reporter_member_id": member_id})
        return [ReportDocument.from_mongo(raw) for raw in found]

    async def reactions_given(self, reactor_key: str) -> list[ReactionDocument]:
        found = await self._find("reactions", {"reactor_key": reactor_key})
        return [ReactionDocument.from_mongo(raw) for raw in found]

    async def authored_ids(self, author_key: str) -> list[str]:
        """Ids of the shares and responses this author key wrote (their own key, computed by the caller)."""
        return [raw["_id"] for raw in await self._find("authorship", {"author_key": author_key})]

    async def shares(self, ids: Sequence[str]) -> list[ShareDocument]:
        found = await self._find("shares", {"_id": {"$in": list(ids)}})
        return [ShareDocument.from_mongo(raw) for raw in found]

    async def responses(self, ids: Sequence[str]) -> list[ResponseDocument]:
        found = await self._find("responses", {"_id": {"$in": list(ids)}})
        return [ResponseDocument.from_mongo(raw) for raw in found]

    async def responses_to(self, share_ids: Sequence[str]) -> list[ResponseDocument]:
        found = await self._find("responses", {"share_id": {"$in": list(share_ids)}})
        return [ResponseDocument.from_mongo(raw) for raw in found]

    async def threads(self, member_id: str) -> list[ThreadDocument]:
        """The threads the member is the member of (not those they answer as a lead)."""
        return [ThreadDocument.from_mongo(raw) for raw in await self._find("threads", {"member_id": member_id})]

    async def messages_in(self, thread_ids: Sequence[str]) -> list[MessageDocument]:
        found = await self._find("messages", {"thread_id": {"$in": list(thread_ids)}})
        return [MessageDocument.from_mongo(raw) for raw in found]

    async def messages_written(self, member_id: str) -> list[MessageDocument]:
        return [MessageDocument.from_mongo(raw) for raw in await self._find("messages", {"author_id": member_id})]

    async def message_reports_made(self, member_id: str) -> list[MessageReportDocument]:
        found = await self._find("message_reports", {"reporter_member_id": member_id})
        return [MessageReportDocument.from_mongo(raw) for raw in found]

    async def session_answers(self, member_id: str) -> list[RsvpDocument]:
        return [RsvpDocument.from_mongo(raw) for raw in await self._find("rsvps", {"member_id": member_id})]

    async def attendance(self, member_id: str) -> list[AttendanceDocument]:
        found = await self._find("attendance", {"member_id": member_id})
        return [AttendanceDocument.from_mongo(raw) for raw in found]

    async def calendar_feed(self, member_id: str) -> CalendarFeedDocument | None:
        raw = await self._db["calendar_feeds"].find_one({"_id": member_id})
        return CalendarFeedDocument.from_mongo(raw) if raw else None
