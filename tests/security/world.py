"""One shared scene for the whole-schema security tests: a closed group with every
role in it, another closed group, and one object of every kind that belongs to
someone else (`peer`), made through the real API as the app would make them.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from infra.mongo.client import Database
from tests.factories.accounts import run_app
from tests.factories.checkins import checked_in
from tests.factories.devices import registered_device
from tests.factories.groups import asked_to_join, created_group, invite_code, joined, mutate
from tests.factories.members import TestMember, onboarded_member, years_ago
from tests.factories.noticing import added_date
from tests.factories.organisations import listed_service
from tests.factories.outreach import said, started
from tests.factories.sessions import added_venue, planned
from tests.factories.shares import act, backdate_memberships, responded, shared
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator

# Who calls: nobody signed in, a member outside the group, a member, a co-lead, the
# lead, admin staff and safeguarding staff; then the staff of the organisation hosting the
# group (its org_admin, org_safeguarding and org_staff), and a member of staff of another
# organisation, who must get exactly what the outsider gets.
ROLES = ("anonymous", "outsider", "member", "co_lead", "lead", "admin", "safeguarding",
         "org_admin", "org_safeguarding", "org_staff", "other_org_staff")  # fmt: skip
ORG_ROLES = {"org_admin": "ORG_ADMIN", "org_safeguarding": "ORG_SAFEGUARDING", "org_staff": "ORG_STAFF"}
HIGH_RISK = "I want to kill myself"


def random_id() -> str:
    """An id shaped like ours that names nothing."""
    return str(uuid.uuid4())


@dataclass(frozen=True)
class World:
    """The people (by role, plus `peer` whose objects are the targets) and their objects."""

    people: dict[str, TestMember]
    group_id: str
    other_group_id: str
    share_id: str
    response_id: str
    check_in_id: str
    report_id: str
    alert_id: str
    reveal_request_id: str
    join_request_id: str
    request_code: str  # a request link the lead made: what asking to join the group takes
    difficult_date_id: str
    notification_id: str
    device_token: str
    follow_up_id: str
    export_id: str
    thread_id: str  # the lead's conversation with the peer
    message_id: str  # the peer's message in it
    named_alert_id: str  # the alert raised by the peer's check-in: a named member behind it
    venue_id: str  # the group's venue
    session_id: str  # the group's session next week, at that venue
    own: dict[str, str]  # the member's own objects, by purpose (for the owner's allowed calls)
    organisation_id: str  # hosts the group; org_admin, org_safeguarding and org_staff work for it
    other_organisation_id: str  # other_org_staff works for it
    shift_id: str  # org_safeguarding on call at the hosting organisation
    local_service_id: str  # a local service of the hosting organisation
    notice_id: str  # the peer's notice of a hidden share, appealed and waiting for a decision
    pending: TestMember  # asked to delete their account, then signed in again (a fresh token)

    def token(self, role: str) -> str | None:
        return None if role == "anonymous" else self.people[role].token

    def id_of(self, role: str) -> str:
        return self.people[role].id


async def _people(gql: GraphQLClient, auth_emulator: AuthEmulator) -> dict[str, TestMember]:
    claims: dict[str, dict[str, Any]] = {"admin": {"admin": True}, "safeguarding": {"safeguarding": True},
                                         "safeguarding_two": {"safeguarding": True}}  # fmt: skip
    names = ("outsider", "member", "co_lead", "lead", "admin", "safeguarding", "safeguarding_two", "peer", "extra",
             "requester", *ORG_ROLES, "other_org_staff", "other_org_admin")  # fmt: skip
    return {
        name: await onboarded_member(
            gql,
            auth_emulator,
            displayName=name.replace("_", " ").title(),
            dateOfBirth=years_ago(30).isoformat(),
            language="EN",
            claims=claims.get(name),
        )
        for name in names
    }


async def _group(gql: GraphQLClient, db: Database, people: dict[str, TestMember]) -> str:
    group_id = await created_group(gql, people["lead"])
    code = await invite_code(gql, people["lead"], group_id)
    for name in ("co_lead", "member", "peer", "extra"):
        await joined(gql, people[name], code=code)
    result = await mutate(gql, "CoLeadPromote", people["lead"].token, groupId=group_id, memberId=people["co_lead"].id)
    assert result["__typename"] == "CoLeadPromoteSuccess", result
    await backdate_memberships(db, group_id)  # five people of over a week: anonymous posting is open
    return group_id


async def _join_request(gql: GraphQLClient, requester: TestMember, lead: TestMember, group_id: str) -> str:
    request_id: str = (await asked_to_join(gql, requester, lead, group_id, message="Hello"))["id"]
    return request_id


async def _report(gql: GraphQLClient, member: TestMember, group_id: str, share_id: str) -> str:
    result = await act(
        gql, "ReportCreate", member.token, targetKind="SHARE", targetId=share_id, groupId=group_id, reason="SPAM",
        note="",
    )  # fmt: skip
    assert result["__typename"] == "ReportCreateSuccess", result
    report_id: str = result["report"]["id"]
    return report_id


async def _reveal_request(gql: GraphQLClient, staff: TestMember, share_id: str) -> str:
    result = await act(
        gql, "AuthorRevealRequest", staff.token, targetKind="SHARE", targetId=share_id, reason="RISK_TO_LIFE",
        justification="Words suggesting a plan, posted tonight.",
    )  # fmt: skip
    assert result["__typename"] == "AuthorRevealRequestSuccess", result
    request_id: str = result["request"]["id"]
    return request_id


async def _export(gql: GraphQLClient, member: TestMember) -> str:
    result = await run_app(gql, "DataExportRequest", member.token)
    assert result["__typename"] == "DataExportRequestSuccess", result
    export_id: str = result["export"]["id"]
    return export_id


async def _one(db: Database, collection: str, query: dict[str, Any]) -> str:
    found = await db[collection].find_one(query, sort=[("_id", 1)])
    assert found is not None, (collection, query)
    object_id: str = found["_id"]
    return object_id


async def _own(gql: GraphQLClient, db: Database, member: TestMember, peer: TestMember, group_id: str,
               share_id: str) -> dict[str, str]:  # fmt: skip
    """The member's own share (to edit), another (to delete), a reaction, a date, a phone and a notification."""
    mine = await shared(gql, member, group_id, "Mine, to edit.")
    await responded(gql, peer, mine["id"], "Here for you.", anonymous=False)  # tells the member: a notification
    reacted = await act(gql, "ReactionSet", member.token, shareId=share_id, kind="HERE_FOR_YOU")
    assert reacted["__typename"] == "ReactionSetSuccess", reacted
    return {
        "share": mine["id"], "share_to_delete": (await shared(gql, member, group_id, "Mine, to delete."))["id"],
        "difficult_date": await added_date(gql, member), "device": await registered_device(gql, member),
        "notification": await _one(db, "notifications", {"member_id": member.id}),
        "export": await _export(gql, member),
        **await _own_thread(gql, member, group_id),
    }  # fmt: skip


async def _own_thread(gql: GraphQLClient, member: TestMember, group_id: str) -> dict[str, str]:
    """The member's conversation with the group's leads, with a message to edit and one to delete."""
    opened = await started(gql, member, group_id, body="Mine, to edit.")
    to_delete = await said(gql, member, opened["thread"]["id"], "Mine, to delete.")
    return {"thread": opened["thread"]["id"], "message": opened["threadMessage"]["id"],
            "message_to_delete": to_delete["threadMessage"]["id"]}  # fmt: skip


async def _thread(gql: GraphQLClient, lead: TestMember, peer: TestMember, group_id: str) -> tuple[str, str]:
    """The lead's conversation with the peer, and the peer's answer in it."""
    opened = await started(gql, lead, group_id, member=peer, body="How are you doing?")
    answer = await said(gql, peer, opened["thread"]["id"], "Getting by, thanks.")
    return opened["thread"]["id"], answer["threadMessage"]["id"]


async def _pending_deletion(gql: GraphQLClient, auth_emulator: AuthEmulator) -> TestMember:
    """Someone in no group who asked to delete their account, signed in again afterwards (a sign-in
    from before the deletion no longer counts, and sign-in times are whole seconds).
    """
    person = await onboarded_member(gql, auth_emulator, displayName="Pending", dateOfBirth=years_ago(30).isoformat())
    deleted = await run_app(gql, "AccountDelete", person.token, input={"confirm": "Pending"})
    assert deleted["__typename"] == "AccountDeleteSuccess", deleted
    await asyncio.sleep(1.01 - time.time() % 1)
    return TestMember(user=await auth_emulator.sign_in(person.user), id=person.id)


async def _organisation(gql: GraphQLClient, admin: TestMember, first_admin: TestMember, name: str) -> str:
    created = await act(
        gql, "OrganisationCreate", admin.token, name=name, nations=["ENGLAND"], contactEmail="team@example.org",
        safeguardingPolicyUrl="https://example.org/safeguarding", firstAdminMemberId=first_admin.id,
        firstAdminEmail=f"{first_admin.id}@example.org",
    )  # fmt: skip
    assert created["__typename"] == "OrganisationCreateSuccess", created
    organisation_id: str = created["organisation"]["id"]
    return organisation_id


async def _staff(gql: GraphQLClient, admin: TestMember, organisation_id: str, person: TestMember, role: str) -> None:
    granted = await act(
        gql, "OrgRoleGrant", admin.token, organisationId=organisation_id, memberId=person.id, role=role,
        email=f"{person.id}@example.org",
    )  # fmt: skip
    assert granted["__typename"] == "OrgRoleGrantSuccess", granted


async def _organisations(gql: GraphQLClient, people: dict[str, TestMember], group_id: str) -> tuple[str, str]:
    """One organisation hosting the group, with a person in each role; another, whose staff see none of it."""
    hosting = await _organisation(gql, people["admin"], people["org_admin"], "Riverside Mind")
    for name in ("org_safeguarding", "org_staff"):
        await _staff(gql, people["org_admin"], hosting, people[name], ORG_ROLES[name])
    hosted = await act(gql, "GroupHost", people["admin"].token, groupId=group_id, organisationId=hosting)
    assert hosted["__typename"] == "GroupHostSuccess", hosted
    other = await _organisation(gql, people["admin"], people["other_org_admin"], "Hilltop Carers")
    await _staff(gql, people["other_org_admin"], other, people["other_org_staff"], "ORG_STAFF")
    return hosting, other


async def _shift(gql: GraphQLClient, org_admin: TestMember, organisation_id: str, on_call: TestMember) -> str:
    added = await act(
        gql, "RotaShiftAdd", org_admin.token, organisationId=organisation_id, memberId=on_call.id,
        startsAt="2026-01-05T09:00:00", endsAt="2026-01-05T17:00:00",
    )  # fmt: skip
    assert added["__typename"] == "RotaShiftAddSuccess", added
    shift_id: str = added["shift"]["id"]
    return shift_id


async def _hidden_notice(gql: GraphQLClient, db: Database, lead: TestMember, author: TestMember, group_id: str) -> str:
    """The author's share, hidden by the lead: the author's notice."""
    share = await shared(gql, author, group_id, "Not kind, this one.")
    hidden = await act(
        gql, "ContentModerate", lead.token, targetKind="SHARE", targetId=share["id"], action="HIDE", reason="Be kind"
    )
    assert hidden["__typename"] == "ContentModerateSuccess", hidden
    return await _one(db, "moderation_notices", {"target_id": share["id"]})


async def _appealed(gql: GraphQLClient, db: Database, lead: TestMember, peer: TestMember, group_id: str) -> str:
    notice_id = await _hidden_notice(gql, db, lead, peer, group_id)
    appealed = await act(gql, "ModerationAppeal", peer.token, noticeId=notice_id, note="Please look again.")
    assert appealed["__typename"] == "ModerationAppealSuccess", appealed
    return notice_id


async def new_world(gql: GraphQLClient, db: Database, auth_emulator: AuthEmulator) -> World:
    """Build the scene; every object in it is the peer's (or the group's), but `own`."""
    people = await _people(gql, auth_emulator)
    group_id = await _group(gql, db, people)
    other_group_id = await created_group(gql, people["outsider"])
    peer = people["peer"]
    share = await shared(gql, peer, group_id, "A grey one today.")
    response = await responded(gql, people["extra"], share["id"], "Thinking of you.")
    await responded(gql, people["member"], share["id"], "Me too.", anonymous=False)  # tells the peer: a notification
    check_in = await checked_in(gql, peer, mood=2, note=HIGH_RISK, visibility="GROUP", groupId=group_id)
    crisis_share = await shared(gql, peer, group_id, HIGH_RISK)
    thread_id, message_id = await _thread(gql, people["lead"], peer, group_id)
    organisation_id, other_organisation_id = await _organisations(gql, people, group_id)
    venue_id = await added_venue(gql, people["lead"], group_id)
    [session] = await planned(gql, people["lead"], group_id, datetime.now(UTC).date() + timedelta(days=7),
                              venueId=venue_id, capacity=10)  # fmt: skip
    return World(
        people=people, group_id=group_id, other_group_id=other_group_id, share_id=share["id"],
        response_id=response["id"], check_in_id=check_in["id"],
        report_id=await _report(gql, people["member"], group_id, share["id"]),
        alert_id=await _one(db, "safeguarding_alerts", {"source_id": crisis_share["id"]}),
        reveal_request_id=await _reveal_request(gql, people["safeguarding"], crisis_share["id"]),
        join_request_id=await _join_request(gql, people["requester"], people["lead"], group_id),
        request_code=await invite_code(gql, people["lead"], group_id, asksLeads=True),
        difficult_date_id=await added_date(gql, peer),
        notification_id=await _one(db, "notifications", {"member_id": peer.id}),
        device_token=await registered_device(gql, peer),
        follow_up_id=await _one(db, "follow_ups", {"member_id": peer.id}),
        export_id=await _export(gql, peer),
        thread_id=thread_id, message_id=message_id,
        named_alert_id=await _one(db, "safeguarding_alerts", {"source_id": check_in["id"]}),
        venue_id=venue_id, session_id=session["id"],
        own={**await _own(gql, db, people["member"], peer, group_id, share["id"]),
             "notice": await _hidden_notice(gql, db, people["lead"], people["member"], group_id)},
        pending=await _pending_deletion(gql, auth_emulator),
        organisation_id=organisation_id, other_organisation_id=other_organisation_id,
        shift_id=await _shift(gql, people["org_admin"], organisation_id, people["org_safeguarding"]),
        notice_id=await _appealed(gql, db, people["lead"], peer, group_id),
        local_service_id=await listed_service(db, organisation_id, "Riverside Talking Space"),
    )  # fmt: skip
