"""Break-glass: one staff member asks, a different one approves, and only the approver learns who
wrote it; both steps are audited (without the revealed id); nothing else can reveal an author.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from infra.mongo.client import Database
from tests.factories.groups import mutate
from tests.factories.shares import ShareCast, act, content_group, responded, shared
from tests.fixtures.app import GraphQLClient
from tests.fixtures.changes import Changes


async def requested(gql: GraphQLClient, share_cast: ShareCast, target_id: str, kind: str = "SHARE") -> str:
    result = await act(
        gql, "AuthorRevealRequest", share_cast.staff.token, targetKind=kind, targetId=target_id,
        reason="RISK_TO_LIFE", justification="A plan and a time were named; contact attempts failed.",
    )  # fmt: skip
    assert result["__typename"] == "AuthorRevealRequestSuccess", result
    assert result["request"]["status"] == "PENDING"
    request_id: str = result["request"]["id"]
    return request_id


async def test_a_second_staff_member_approves_and_alone_learns_the_author(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, changes: Changes
) -> None:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id)
    request_id = await requested(gql, share_cast, share["id"])

    before = await changes.mark()
    own = await act(gql, "AuthorRevealApprove", share_cast.staff.token, requestId=request_id)
    assert (own["__typename"], own["code"]) == ("AuthorRevealApproveError", "SELF_APPROVAL")
    assert await changes.since(before) == []
    approved = await act(gql, "AuthorRevealApprove", share_cast.staff_two.token, requestId=request_id)

    assert approved["__typename"] == "AuthorRevealApproveSuccess"
    assert (approved["memberId"], approved["displayName"], approved["request"]["status"]) == (
        share_cast.author.id, "Author", "APPROVED",
    )  # fmt: skip
    audit = await db.author_reveal_audit.find({"request_id": request_id}).sort("at", 1).to_list(None)
    assert [(e["step"], e["staff_member_id"], e["outcome"], e["reason"]) for e in audit] == [
        ("requested", share_cast.staff.id, "pending", "risk_to_life"),
        ("approved", share_cast.staff_two.id, "author_found", "risk_to_life"),
    ]
    assert share_cast.author.id not in str(audit)


async def test_a_second_approval_reveals_nothing_new(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, changes: Changes
) -> None:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id)
    request_id = await requested(gql, share_cast, share["id"])
    await act(gql, "AuthorRevealApprove", share_cast.staff_two.token, requestId=request_id)
    before = await changes.mark()

    again = await act(gql, "AuthorRevealApprove", share_cast.staff_two.token, requestId=request_id)

    assert (again["__typename"], again["code"]) == ("AuthorRevealApproveError", "ALREADY_APPROVED")
    assert share_cast.author.id not in str(again)
    assert await changes.since(before) == []


async def test_an_expired_request_cannot_be_approved(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, changes: Changes
) -> None:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id)
    request_id = await requested(gql, share_cast, share["id"])
    await db.author_reveal_requests.update_one(
        {"_id": request_id}, {"$set": {"expires_at": datetime.now(UTC) - timedelta(seconds=1)}}
    )
    before = await changes.mark()

    late = await act(gql, "AuthorRevealApprove", share_cast.staff_two.token, requestId=request_id)

    assert late["code"] == "REQUEST_EXPIRED"
    assert await changes.since(before) == []


async def test_the_author_of_a_response_is_found_after_they_left_the_group(
    gql: GraphQLClient, db: Database, share_cast: ShareCast
) -> None:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id)
    reply = await responded(gql, share_cast.peer, share["id"])
    assert (await mutate(gql, "GroupLeave", share_cast.peer.token, groupId=group_id))[
        "__typename"
    ] == "GroupLeaveSuccess"
    request_id = await requested(gql, share_cast, reply["id"], kind="RESPONSE")

    approved = await act(gql, "AuthorRevealApprove", share_cast.staff_two.token, requestId=request_id)

    assert approved["memberId"] == share_cast.peer.id


@pytest.mark.parametrize("justification", ["", "x" * 2001])
async def test_a_request_needs_a_justification(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, changes: Changes, justification: str
) -> None:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id)
    before = await changes.mark()

    result = await act(
        gql, "AuthorRevealRequest", share_cast.staff.token, targetKind="SHARE", targetId=share["id"],
        reason="LEGAL_OBLIGATION", justification=justification,
    )  # fmt: skip

    assert result["code"] == "JUSTIFICATION_LENGTH"
    assert await changes.since(before) == []


async def test_nobody_but_safeguarding_staff_can_ask_or_approve(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, changes: Changes
) -> None:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id)
    request_id = await requested(gql, share_cast, share["id"])
    before = await changes.mark()

    outcomes: list[Any] = []
    for person in (share_cast.lead, share_cast.co_lead, share_cast.member, share_cast.author, share_cast.admin):
        asked = await act(
            gql, "AuthorRevealRequest", person.token, targetKind="SHARE", targetId=share["id"], reason="RISK_TO_LIFE",
            justification="Because.",
        )  # fmt: skip
        approved = await act(gql, "AuthorRevealApprove", person.token, requestId=request_id)
        outcomes += [asked["errors"][0]["extensions"]["code"], approved["errors"][0]["extensions"]["code"]]

    assert set(outcomes) == {"FORBIDDEN"}
    assert await changes.since(before) == []
