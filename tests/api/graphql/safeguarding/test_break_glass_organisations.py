"""Break-glass for an organisation's safeguarding officers: two of the host organisation's officers
(or one of them and one of the platform's, in either order) reveal the author of words in a group
it hosts; the audit names each step's authority; another organisation's officer is answered as if
nothing existed, and its other staff like anyone without the role.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

import pytest

from infra.mongo.client import Database
from tests.factories.members import TestMember as Person
from tests.factories.members import onboarded_member
from tests.factories.organisations import OrgStaff, granted, hosted, staffed_organisation
from tests.factories.shares import ShareCast, act, content_group, shared
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.changes import Changes
from tests.security.calls import without_locations

WHY = "A plan and a time were named; contact attempts failed."


@dataclass(frozen=True)
class Officers:
    host: OrgStaff  # hosts the test's group; `host.safeguarding` and `second` are its officers
    second: Person
    other: OrgStaff  # another organisation, with its own safeguarding officer


@pytest.fixture(scope="module")
async def officers(gql: GraphQLClient, auth_emulator: AuthEmulator, share_cast: ShareCast) -> Officers:
    host = await staffed_organisation(gql, auth_emulator, share_cast.admin, "Riverside Mind")
    second = await onboarded_member(gql, auth_emulator, displayName="Riverside S2")
    await granted(gql, host.admin, host.id, second, "ORG_SAFEGUARDING")
    other = await staffed_organisation(gql, auth_emulator, share_cast.admin, "Hilltop Carers")
    return Officers(host=host, second=second, other=other)


async def hosted_share(gql: GraphQLClient, db: Database, cast: ShareCast, officers: Officers) -> tuple[str, str]:
    """A group the host organisation hosts, and an anonymous share by `cast.author` in it."""
    group_id = await content_group(gql, db, cast)
    await hosted(gql, cast.admin, group_id, officers.host.id)
    share = await shared(gql, cast.author, group_id)
    return group_id, str(share["id"])


async def requested(gql: GraphQLClient, officer: Person, share_id: str) -> str:
    result = await act(
        gql, "AuthorRevealRequest", officer.token, targetKind="SHARE", targetId=share_id, reason="RISK_TO_LIFE",
        justification=WHY,
    )  # fmt: skip
    assert result["__typename"] == "AuthorRevealRequestSuccess", result
    request_id: str = result["request"]["id"]
    return request_id


async def audit_of(db: Database, request_id: str) -> list[tuple[str, str, str | None]]:
    audit = await db.author_reveal_audit.find({"request_id": request_id}).sort("at", 1).to_list(None)
    return [(e["step"], e["staff_member_id"], e["organisation_id"]) for e in audit]


def comparable(body: dict[str, Any], *ids: str) -> str:
    """The answer with the ids asked about made one placeholder: what "like a missing one" compares."""
    text = json.dumps(without_locations(body), sort_keys=True)
    for each in ids:
        text = text.replace(each, "<id>")
    return text


async def test_two_officers_of_the_host_organisation_reveal_and_the_approver_alone_reaches_the_author(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, officers: Officers, changes: Changes
) -> None:
    _, share_id = await hosted_share(gql, db, share_cast, officers)
    asker, approver = officers.host.safeguarding, officers.second
    request_id = await requested(gql, asker, share_id)

    before = await changes.mark()
    own = await act(gql, "AuthorRevealApprove", asker.token, requestId=request_id)
    assert (own["__typename"], own["code"]) == ("AuthorRevealApproveError", "SELF_APPROVAL")
    assert await changes.since(before) == []
    approved = await act(gql, "AuthorRevealApprove", approver.token, requestId=request_id)

    assert approved["__typename"] == "AuthorRevealApproveSuccess", approved
    assert (approved["memberId"], approved["request"]["status"]) == (share_cast.author.id, "APPROVED")
    assert await audit_of(db, request_id) == [
        ("requested", asker.id, officers.host.id),
        ("approved", approver.id, officers.host.id),
    ]
    request = await db.author_reveal_requests.find_one({"_id": request_id})
    assert request is not None
    assert request["organisation_id"] == officers.host.id
    audit = await db.author_reveal_audit.find({"request_id": request_id}).to_list(None)
    assert share_cast.author.id not in str(audit)

    reach = {"revealRequestId": request_id, "memberId": share_cast.author.id, "body": "We're here for you."}
    by_asker = await act(gql, "StaffThreadStart", asker.token, clientKey=str(uuid.uuid4()), **reach)
    assert by_asker["code"] == "NOT_THE_APPROVER"
    started = await act(gql, "StaffThreadStart", approver.token, clientKey=str(uuid.uuid4()), **reach)
    assert started["__typename"] == "StaffThreadStartSuccess", started
    thread = await db.threads.find_one({"_id": started["thread"]["id"]})
    assert thread is not None
    assert (thread["member_id"], thread["opened_by"], thread["kind"]) == (share_cast.author.id, approver.id, "staff")


async def test_platform_and_organisation_officers_approve_each_others_requests(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, officers: Officers
) -> None:
    _, share_id = await hosted_share(gql, db, share_cast, officers)
    officer, platform = officers.host.safeguarding, share_cast.staff

    by_org = await requested(gql, officer, share_id)
    assert (await act(gql, "AuthorRevealApprove", platform.token, requestId=by_org))["memberId"] == share_cast.author.id
    by_platform = await requested(gql, platform, share_id)
    assert (await act(gql, "AuthorRevealApprove", officer.token, requestId=by_platform))["memberId"] == (
        share_cast.author.id
    )

    assert await audit_of(db, by_org) == [("requested", officer.id, officers.host.id), ("approved", platform.id, None)]
    assert await audit_of(db, by_platform) == [
        ("requested", platform.id, None), ("approved", officer.id, officers.host.id),
    ]  # fmt: skip


async def test_another_organisations_officer_is_answered_as_if_nothing_existed(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, officers: Officers, changes: Changes
) -> None:
    _, share_id = await hosted_share(gql, db, share_cast, officers)
    pending = await requested(gql, officers.host.safeguarding, share_id)
    approved = await requested(gql, officers.host.safeguarding, share_id)
    assert (await act(gql, "AuthorRevealApprove", officers.second.token, requestId=approved))["memberId"]
    stranger, fake = officers.other.safeguarding, str(uuid.uuid4())
    before = await changes.mark()

    async def both(name: str, real: str, **input_: Any) -> tuple[str, str]:
        ask = {k: (real if v is None else v) for k, v in input_.items()}
        theirs = await act(gql, name, stranger.token, **ask)
        missing = await act(gql, name, stranger.token, **{k: (fake if v is None else v) for k, v in input_.items()})
        assert theirs["errors"][0]["extensions"]["code"] == "NOT_FOUND", theirs
        return comparable(theirs, real, fake), comparable(missing, real, fake)

    asked = await both(
        "AuthorRevealRequest", share_id, targetKind="SHARE", targetId=None, reason="RISK_TO_LIFE", justification=WHY
    )
    approving = await both("AuthorRevealApprove", pending, requestId=None)
    reaching = await both(
        "StaffThreadStart", approved, revealRequestId=None, memberId=share_cast.author.id, body="Hello.",
        clientKey=str(uuid.uuid4()),
    )  # fmt: skip

    assert asked[0] == asked[1]
    assert approving[0] == approving[1]
    assert reaching[0] == reaching[1]
    assert await changes.since(before) == []


async def test_the_organisations_other_staff_are_refused_like_someone_without_the_role(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, officers: Officers, changes: Changes
) -> None:
    _, share_id = await hosted_share(gql, db, share_cast, officers)
    request_id = await requested(gql, officers.host.safeguarding, share_id)
    before = await changes.mark()

    answers = set()
    for person in (share_cast.outsider, officers.host.admin, officers.host.staff, officers.other.admin):
        asked = await act(
            gql, "AuthorRevealRequest", person.token, targetKind="SHARE", targetId=share_id, reason="RISK_TO_LIFE",
            justification=WHY,
        )  # fmt: skip
        approving = await act(gql, "AuthorRevealApprove", person.token, requestId=request_id)
        answers.add((comparable(asked, share_id), comparable(approving, request_id)))

    assert len(answers) == 1
    [(asked_text, approving_text)] = answers
    assert '"FORBIDDEN"' in asked_text
    assert '"FORBIDDEN"' in approving_text
    assert await changes.since(before) == []


async def test_an_organisation_that_stops_hosting_the_group_loses_its_requests(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, officers: Officers, changes: Changes
) -> None:
    group_id, share_id = await hosted_share(gql, db, share_cast, officers)
    request_id = await requested(gql, officers.host.safeguarding, share_id)
    unhosted = await act(gql, "GroupUnhost", share_cast.admin.token, groupId=group_id)
    assert unhosted["__typename"] == "GroupUnhostSuccess", unhosted
    before = await changes.mark()

    late = await act(gql, "AuthorRevealApprove", officers.second.token, requestId=request_id)

    assert late["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert await changes.since(before) == []
    platform = await act(gql, "AuthorRevealApprove", share_cast.staff.token, requestId=request_id)
    assert platform["memberId"] == share_cast.author.id


async def test_someone_who_is_both_a_platform_and_an_organisation_officer_still_needs_someone_else(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, officers: Officers, changes: Changes
) -> None:
    _, share_id = await hosted_share(gql, db, share_cast, officers)
    both = share_cast.staff_two  # the platform's claim, and the host's role
    await granted(gql, officers.host.admin, officers.host.id, both, "ORG_SAFEGUARDING")
    request_id = await requested(gql, both, share_id)
    before = await changes.mark()

    own = await act(gql, "AuthorRevealApprove", both.token, requestId=request_id)

    assert (own["__typename"], own["code"]) == ("AuthorRevealApproveError", "SELF_APPROVAL")
    assert share_cast.author.id not in str(own)
    assert await changes.since(before) == []
    assert await audit_of(db, request_id) == [("requested", both.id, None)]  # on the platform's authority
