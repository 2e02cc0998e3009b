"""Who may do what in moderation and safeguarding, per operation: anonymous, a non-member, a member,
the author, a co-lead, the lead and safeguarding staff. Every refusal changes nothing and notifies nobody.
"""

from __future__ import annotations

import pytest

from infra.mongo.client import Database
from tests.factories.shares import SHARE_ROLES, ShareCast, act, content_group, run, shared
from tests.fixtures.app import GraphQLClient
from tests.fixtures.changes import Changes
from tests.security.matrix import NF, NP, OK, F, U, check, roles_matrix

by_role = roles_matrix(SHARE_ROLES)

HIGH = "I want to kill myself"


@pytest.fixture(scope="module")
async def group_id(gql: GraphQLClient, db: Database, share_cast: ShareCast) -> str:
    return await content_group(gql, db, share_cast)


@pytest.fixture
async def share_id(gql: GraphQLClient, share_cast: ShareCast, group_id: str) -> str:
    return str((await shared(gql, share_cast.author, group_id, HIGH))["id"])


@pytest.fixture
async def report_id(gql: GraphQLClient, share_cast: ShareCast, share_id: str) -> str:
    result = await act(gql, "ReportCreate", share_cast.peer.token, targetKind="SHARE", targetId=share_id, reason="SPAM")
    return str(result["report"]["id"])


@pytest.fixture
async def alert_id(db: Database, share_id: str) -> str:
    alert = await db.safeguarding_alerts.find_one({"source_id": share_id})
    assert alert is not None
    return str(alert["_id"])


@pytest.fixture
async def request_id(gql: GraphQLClient, share_cast: ShareCast, share_id: str) -> str:
    result = await act(
        gql, "AuthorRevealRequest", share_cast.staff_two.token, targetKind="SHARE", targetId=share_id,
        reason="RISK_TO_LIFE", justification="Imminent risk named.",
    )  # fmt: skip
    return str(result["request"]["id"])


@by_role(U, NF, F, F, OK, OK, OK)
async def test_moderation_queue(
    gql: GraphQLClient, changes: Changes, share_cast: ShareCast, group_id: str, role: str, expected: str
) -> None:
    await check(changes, expected, lambda: run(gql, "ModerationQueue", share_cast.token(role), groupId=group_id))


@by_role(U, NF, OK, "OWN_CONTENT", OK, OK, OK)
async def test_report_create(
    gql: GraphQLClient, changes: Changes, share_cast: ShareCast, share_id: str, role: str, expected: str
) -> None:
    await check(
        changes, expected,
        lambda: act(gql, "ReportCreate", share_cast.token(role), targetKind="SHARE", targetId=share_id, reason="SPAM"),
    )  # fmt: skip


@by_role(U, NF, NP, NP, OK, OK, OK)
async def test_content_moderate(
    gql: GraphQLClient, changes: Changes, share_cast: ShareCast, share_id: str, role: str, expected: str
) -> None:
    await check(
        changes, expected,
        lambda: act(
            gql, "ContentModerate", share_cast.token(role), targetKind="SHARE", targetId=share_id, action="HIDE",
            reason="Rules.",
        ),
    )  # fmt: skip


@by_role(U, NF, NP, NP, OK, OK, OK)
async def test_member_mute(
    gql: GraphQLClient, changes: Changes, share_cast: ShareCast, group_id: str, role: str, expected: str
) -> None:
    await check(
        changes, expected,
        lambda: act(
            gql, "MemberMute", share_cast.token(role), groupId=group_id, memberId=share_cast.peer.id, hours=0,
            reason="Rules.",
        ),
    )  # fmt: skip


@by_role(U, NF, NP, NP, OK, OK, OK)
async def test_report_dismiss(
    gql: GraphQLClient, changes: Changes, share_cast: ShareCast, report_id: str, role: str, expected: str
) -> None:
    await check(
        changes, expected, lambda: act(gql, "ReportDismiss", share_cast.token(role), reportId=report_id, reason="Ok.")
    )


@by_role(U, F, F, F, F, F, OK)
async def test_safeguarding_alerts(
    gql: GraphQLClient, changes: Changes, share_cast: ShareCast, role: str, expected: str
) -> None:
    await check(changes, expected, lambda: run(gql, "SafeguardingAlerts", share_cast.token(role), first=5))


@by_role(U, F, F, F, F, F, OK)
async def test_alert_acknowledge(
    gql: GraphQLClient, changes: Changes, share_cast: ShareCast, alert_id: str, role: str, expected: str
) -> None:
    await check(changes, expected, lambda: act(gql, "AlertAcknowledge", share_cast.token(role), alertId=alert_id))


@by_role(U, F, F, F, F, F, OK)
async def test_alert_resolve(
    gql: GraphQLClient, changes: Changes, share_cast: ShareCast, alert_id: str, role: str, expected: str
) -> None:
    await check(
        changes, expected, lambda: act(gql, "AlertResolve", share_cast.token(role), alertId=alert_id, note="Done.")
    )


@by_role(U, F, F, F, F, F, OK)
async def test_author_reveal_request(
    gql: GraphQLClient, changes: Changes, share_cast: ShareCast, share_id: str, role: str, expected: str
) -> None:
    await check(
        changes, expected,
        lambda: act(
            gql, "AuthorRevealRequest", share_cast.token(role), targetKind="SHARE", targetId=share_id,
            reason="RISK_TO_LIFE", justification="Named a plan.",
        ),
    )  # fmt: skip


@by_role(U, F, F, F, F, F, OK)
async def test_author_reveal_approve(
    gql: GraphQLClient, changes: Changes, share_cast: ShareCast, request_id: str, role: str, expected: str
) -> None:
    await check(
        changes, expected, lambda: act(gql, "AuthorRevealApprove", share_cast.token(role), requestId=request_id)
    )
