"""A member with something in every collection, made through the real API, for export and deletion tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from domain.shares.anonymity import AnonymityKey
from infra.mongo.client import Database
from infra.settings import Settings
from tests.factories.checkins import checked_in
from tests.factories.devices import registered_device
from tests.factories.groups import asked_to_join, created_group, invite_code, joined, mutate
from tests.factories.noticing import added_date
from tests.factories.outreach import key, said, started
from tests.factories.sessions import added_venue, answered, planned
from tests.factories.shares import ShareCast, act, content_group, new_share_cast, responded, shared
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator
from tests.support.operations import app_operation


@dataclass(frozen=True)
class Footprint:
    """The author's traces: what identifies them anywhere in the store."""

    cast: ShareCast
    group_id: str
    other_group_id: str
    share_id: str  # the author's anonymous share
    reply_id: str  # the peer's response to it
    their_response_id: str  # the author's response to the member's share
    member_share_id: str
    device_token: str
    named_share_id: str  # the author's share under their name

    def identifiers(self, settings: Settings) -> dict[str, str]:
        key = AnonymityKey.of(settings.anonymity_key.get_secret_value())
        author = self.cast.author
        return {
            "member id": author.id, "firebase uid": author.user.uid, "author key": key.author_key(author.id),
            "reactor key": key.reactor_key(author.id), "device token": self.device_token,
        }  # fmt: skip


async def run_app(gql: GraphQLClient, name: str, token: str, **variables: Any) -> dict[str, Any]:
    body = await gql(app_operation(name), variables, token=token)
    assert "errors" not in body, body
    [result] = body["data"].values()
    assert isinstance(result, dict)
    return result


async def _a_lead_and_asking_for_support(gql: GraphQLClient, cast: ShareCast, group_id: str) -> None:
    """The author led a group (a digest waits for them, about a join request; they wrote to a member
    there) since archived, and asked their own group's leads for a kind word, in their own words:
    the lead answered, and the author reported the answer.
    """
    own_group_id = await created_group(gql, cast.author, name="Mornings")
    await asked_to_join(gql, cast.member, cast.author, own_group_id, message="Hello")
    await joined(gql, cast.peer, code=await invite_code(gql, cast.author, own_group_id))
    await started(gql, cast.author, own_group_id, member=cast.peer, body="How are mornings going?")
    venue_id = await added_venue(gql, cast.author, own_group_id)
    await planned(gql, cast.author, own_group_id, _in_minutes(60 * 24 * 3).date(), venueId=venue_id)
    archived = await mutate(gql, "GroupArchive", cast.author.token, groupId=own_group_id)
    assert archived["__typename"] == "GroupArchiveSuccess", archived
    support = await run_app(gql, "SupportRequest", cast.author.token,
                            input={"groupId": group_id, "message": "Could we talk?", "clientKey": key()})  # fmt: skip
    assert support["__typename"] == "SupportRequestSuccess", support
    answer = await said(gql, cast.lead, support["thread"]["id"], "Of course. Tomorrow?")
    reported = await mutate(gql, "MessageReport", cast.author.token, messageId=answer["threadMessage"]["id"],
                            reason="OTHER")  # fmt: skip
    assert reported["__typename"] == "MessageReportSuccess", reported


def _in_minutes(minutes: int, now: datetime | None = None) -> datetime:
    """A wall-clock moment in London that many minutes after `now` (the API's clock; the real one if None)."""
    return ((now or datetime.now(UTC)) + timedelta(minutes=minutes)).astimezone(ZoneInfo("Europe/London"))


async def _at_sessions(gql: GraphQLClient, cast: ShareCast, group_id: str, now: datetime | None) -> None:
    """The author is going to one of the group's sessions, came to one starting now (the lead took the
    register), and has a calendar address.
    """
    online = {"mode": "ONLINE", "joiningLink": "https://meet.example.org/g"}
    [later] = await planned(gql, cast.lead, group_id, _in_minutes(60 * 24 * 2, now).date(), capacity=5, **online)
    soon = _in_minutes(10, now)
    [now] = await planned(gql, cast.lead, group_id, soon.date(), startTime=soon.strftime("%H:%M"), **online)
    await answered(gql, cast.author, later["id"])
    await answered(gql, cast.author, now["id"])
    marked = await mutate(gql, "AttendanceMark", cast.lead.token, sessionId=now["id"], present=[cast.author.id])
    assert marked["__typename"] == "AttendanceMarkSuccess", marked
    issued = await mutate(gql, "CalendarFeedIssue", cast.author.token)
    assert issued["__typename"] == "CalendarFeedIssueSuccess", issued


async def author_footprint(
    gql: GraphQLClient, db: Database, auth_emulator: AuthEmulator, *, now: datetime | None = None
) -> Footprint:
    """The cast's author shares, responds, reacts, reports, checks in, registers a phone, adds a
    shared difficult date, asks to join another group, is promoted and muted, and asks for an export.
    """
    cast = await new_share_cast(gql, auth_emulator)
    group_id = await content_group(gql, db, cast)
    share = await shared(gql, cast.author, group_id, "My own hard day.")
    named = await shared(gql, cast.author, group_id, "Named, mine.", anonymous=False)
    reply = await responded(gql, cast.peer, share["id"], "Here for you.")
    member_share = await shared(gql, cast.member, group_id, "Rough week.", anonymous=False)
    response = await responded(gql, cast.author, member_share["id"], "Same here, hang on.")
    for who in (cast.author, cast.member):
        result = await act(gql, "ReactionSet", who.token, shareId=member_share["id"], kind="ME_TOO")
        assert result["__typename"] == "ReactionSetSuccess", result
    report = await act(gql, "ReportCreate", cast.author.token, targetKind="MEMBER", targetId=cast.peer.id,
                       groupId=group_id, reason="BULLYING_OR_HARASSMENT", note="Unkind to me.")  # fmt: skip
    assert report["__typename"] == "ReportCreateSuccess", report
    await checked_in(gql, cast.author, mood=2, note="Tired.", groupId=group_id, visibility="GROUP")
    token = await registered_device(gql, cast.author)
    await added_date(gql, cast.author, label="Gran's day", shareWithLeads=True)
    other_group_id = await created_group(gql, cast.lead, name="Evenings")
    await asked_to_join(gql, cast.author, cast.lead, other_group_id, message="Hi")
    muted = await act(gql, "MemberMute", cast.lead.token, groupId=group_id, memberId=cast.author.id, hours=1,
                         reason="Cooling off.")  # fmt: skip
    assert muted["__typename"] == "MemberMuteSuccess", muted
    await _a_lead_and_asking_for_support(gql, cast, group_id)
    await _at_sessions(gql, cast, group_id, now)
    exported = await run_app(gql, "DataExportRequest", cast.author.token)
    assert exported["__typename"] == "DataExportRequestSuccess", exported
    return Footprint(
        cast,
        group_id,
        other_group_id,
        share["id"],
        reply["id"],
        response["id"],
        member_share["id"],
        token,
        named["id"],
    )
