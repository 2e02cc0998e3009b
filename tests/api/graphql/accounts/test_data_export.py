"""dataExportRequest and dataExport: the member's whole footprint in one JSON document, built
as the worker builds it; nothing in it identifies anyone else (ANON-11); only its owner reads it.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from domain.accounts.export import build_export
from domain.shares.anonymity import AnonymityKey
from infra.mongo.client import Database
from infra.settings import Settings
from tests.factories.accounts import Footprint, author_footprint, run_app
from tests.factories.frozen import frozen_api
from tests.factories.members import onboarded_member
from tests.fixtures.app import GraphQLClient, RunningApi
from tests.fixtures.auth import AuthEmulator
from tests.support.operations import app_operation

WEEK = timedelta(days=7)


async def built(api: RunningApi, settings: Settings, export_id: str, now: datetime | None = None) -> str | None:
    """Build as the worker does; the resulting status."""
    key = AnonymityKey.of(settings.anonymity_key.get_secret_value())
    status = await build_export(
        repos=api.runtime.repos, key=key, export_id=export_id, keep=WEEK, now=now or datetime.now(UTC)
    )
    return status.value if status else None


async def read(gql: GraphQLClient, token: str, export_id: str) -> dict[str, Any]:
    return await gql(app_operation("DataExport"), {"id": export_id}, token=token)


@pytest.fixture(scope="module")
async def footprint(gql: GraphQLClient, db: Database, auth_emulator: AuthEmulator) -> Footprint:
    return await author_footprint(gql, db, auth_emulator)


@pytest.fixture(scope="module")
async def document(footprint: Footprint, gql: GraphQLClient, db: Database, api: RunningApi, settings: Settings) -> Any:
    export = await db.data_exports.find_one({"member_id": footprint.cast.author.id})
    assert export is not None
    assert await built(api, settings, export["_id"]) == "ready"
    body = await read(gql, footprint.cast.author.token, export["_id"])
    assert body["data"]["dataExport"]["state"] == "READY", body
    return body["data"]["dataExport"]["document"]


async def test_the_export_holds_everything_about_the_member(document: Any) -> None:
    assert document["profile"]["displayName"] == "Author"
    assert document["consents"] == {"letLeadsKnowWhenQuiet": True, "reminders": True, "nudges": True}
    assert [(c["mood"], c["note"], c["visibility"]) for c in document["checkIns"]] == [(2, "Tired.", "group")]
    assert sorted(m["role"] for m in document["memberships"]) == ["lead", "member"]  # one group led, archived
    assert [r["message"] for r in document["joinRequests"]] == ["Hi"]
    assert [(d["platform"], sorted(d)) for d in document["devices"]] == [
        ("android", ["lastSeen", "locale", "platform", "registeredAt"])
    ]
    assert [d["label"] for d in document["difficultDates"]] == ["Gran's day"]
    assert [r["kind"] for r in document["reactionsGiven"]] == ["me_too"]
    assert [(r["targetKind"], r["targetId"], r["note"]) for r in document["reportsMade"]] == [
        ("member", None, "Unkind to me.")
    ]
    assert "share_support" in {n["kind"] for n in document["notifications"]}


async def test_their_anonymous_content_is_in_it_and_replies_carry_no_author(document: Any) -> None:
    [share, named] = sorted(document["shares"], key=lambda s: s["anonymous"], reverse=True)
    assert (share["body"], share["anonymous"]) == ("My own hard day.", True)
    assert (named["body"], named["anonymous"], named["responses"]) == ("Named, mine.", False, [])
    assert share["responses"] == [{"body": "Here for you.", "at": share["responses"][0]["at"]}]
    assert [(r["body"], r["anonymous"]) for r in document["responses"]] == [("Same here, hang on.", True)]


async def test_their_answers_attendance_and_calendar_address_are_in_it(document: Any) -> None:
    sessions = document["sessions"]
    assert sorted(a["answer"] for a in sessions["answers"]) == ["going", "going"]
    assert [a["marked"] for a in sessions["attended"]] == ["lead"]
    assert sessions["calendarFeedSince"] is not None  # that there is one; never the address


async def test_their_conversations_are_in_it_each_message_by_side_never_by_a_leads_name(document: Any) -> None:
    [own] = document["threads"]
    assert (own["with"], own["status"], own["startedBy"]) == ("group_leads", "open", "member")
    assert [(m["from"], m["body"]) for m in own["messages"]] == [
        ("me", "Could we talk?"),
        ("leadership", "Of course. Tomorrow?"),
    ]
    # What they wrote as a lead in another member's conversation (that thread, not its member), and the report
    assert [m["body"] for m in document["messagesAsLead"]] == ["How are mornings going?"]
    assert document["messageReportsMade"] == [
        {"reason": "other", "note": "", "createdAt": document["messageReportsMade"][0]["createdAt"]}
    ]


async def test_nothing_in_it_identifies_another_member(document: Any, footprint: Footprint, settings: Settings) -> None:
    # Every other person's id, Firebase uid and keys, and the names no screen showed the member
    key = AnonymityKey.of(settings.anonymity_key.get_secret_value())
    text = json.dumps(document)
    cast = footprint.cast
    others = [cast.lead, cast.co_lead, cast.member, cast.peer, cast.outsider, cast.staff]
    forbidden = [value for o in others for value in (o.id, o.user.uid, key.author_key(o.id), key.reactor_key(o.id))]
    assert [value for value in [*forbidden, "Peer", "Co Lead"] if value in text] == []
    assert footprint.device_token not in text  # a secret, even from its owner's file


async def test_another_members_export_is_not_found_like_a_random_id(
    footprint: Footprint, document: Any, gql: GraphQLClient, db: Database
) -> None:
    export = await db.data_exports.find_one({"member_id": footprint.cast.author.id})
    assert export is not None
    theirs = await read(gql, footprint.cast.peer.token, export["_id"])
    random = await read(gql, footprint.cast.peer.token, "7d0c1bde-5f43-4a52-9b8e-6c1f2b6b1a11")
    assert theirs == random
    assert [error["extensions"]["code"] for error in theirs["errors"]] == ["NOT_FOUND"]


async def test_one_export_at_a_time_then_another_once_it_is_done(
    gql: GraphQLClient, db: Database, auth_emulator: AuthEmulator, api: RunningApi, settings: Settings
) -> None:
    # Given a member whose export is pending
    member = await onboarded_member(gql, auth_emulator)
    first = await run_app(gql, "DataExportRequest", member.token)
    assert first["__typename"] == "DataExportRequestSuccess"
    assert first["export"]["state"] == "PENDING"

    # When they ask again: refused, nothing written
    again = await run_app(gql, "DataExportRequest", member.token)
    assert (again["__typename"], again["code"]) == ("DataExportRequestError", "EXPORT_ALREADY_RUNNING")
    assert await db.data_exports.count_documents({"member_id": member.id}) == 1

    # Then once it is ready, a new one may start
    assert await built(api, settings, first["export"]["id"]) == "ready"
    assert (await run_app(gql, "DataExportRequest", member.token))["__typename"] == "DataExportRequestSuccess"


async def test_a_build_that_died_mid_way_restarts_cleanly(
    gql: GraphQLClient, db: Database, auth_emulator: AuthEmulator, api: RunningApi, settings: Settings
) -> None:
    # Given a worker marked the export running, then died
    member = await onboarded_member(gql, auth_emulator, displayName="Jo")
    export_id = (await run_app(gql, "DataExportRequest", member.token))["export"]["id"]
    assert await api.runtime.repos.data_exports.start(export_id, now=datetime.now(UTC)) is not None
    assert (await read(gql, member.token, export_id))["data"]["dataExport"]["state"] == "RUNNING"

    # When it is built again (redelivered), and once more (a duplicate)
    statuses = [await built(api, settings, export_id), await built(api, settings, export_id)]

    # Then it is ready once, from a clean build; the duplicate does nothing
    assert statuses == ["ready", None]
    stored = await db.data_exports.find_one({"_id": export_id})
    assert stored is not None
    assert (stored["attempts"], stored["active_key"]) == (2, export_id)
    assert json.loads(stored["payload"])["profile"]["displayName"] == "Jo"


async def test_after_seven_days_it_has_expired(settings: Settings, auth_emulator: AuthEmulator) -> None:
    start = datetime.now(UTC)
    async with frozen_api(settings, start) as api:
        member = await onboarded_member(api.gql, auth_emulator)
        export_id = (await run_app(api.gql, "DataExportRequest", member.token))["export"]["id"]
        key = AnonymityKey.of(settings.anonymity_key.get_secret_value())
        await build_export(repos=api.runtime.repos, key=key, export_id=export_id, keep=WEEK, now=start)
        api.clock.current = start + WEEK
        export = (await read(api.gql, member.token, export_id))["data"]["dataExport"]
    assert (export["state"], export["document"]) == ("EXPIRED", None)
