"""Safeguarding staff's alerts across groups: read with what they point at (never an anonymous
author), taken, and resolved with a note; everyone else is refused and nothing changes.
"""

from __future__ import annotations

from typing import Any

from domain.moderation.escalation import escalate_due
from infra.mongo.client import Database
from infra.mongo.repositories.registry import Repositories
from tests.factories.shares import ShareCast, act, content_group, run
from tests.fixtures.app import GraphQLClient
from tests.fixtures.changes import Changes

HIGH = "I want to kill myself"


async def alert_for(gql: GraphQLClient, db: Database, share_cast: ShareCast) -> tuple[str, dict[str, Any]]:
    group_id = await content_group(gql, db, share_cast)
    share = (await act(gql, "ShareCreate", share_cast.author.token, groupId=group_id, body=HIGH))["share"]
    alert = await db.safeguarding_alerts.find_one({"source_id": share["id"]})
    assert alert is not None
    return str(alert["_id"]), share


async def listed(gql: GraphQLClient, token: str, alert_id: str, **variables: Any) -> dict[str, Any] | None:
    body = await run(gql, "SafeguardingAlerts", token, first=100, **variables)
    return next((a for a in body["data"]["safeguardingAlerts"]["nodes"] if a["id"] == alert_id), None)


async def test_staff_see_an_alert_with_its_share_and_no_author(
    gql: GraphQLClient, db: Database, share_cast: ShareCast
) -> None:
    alert_id, share = await alert_for(gql, db, share_cast)

    alert = await listed(gql, share_cast.staff.token, alert_id, status=["OPEN"])

    assert alert is not None
    assert (alert["sourceKind"], alert["level"], alert["status"], alert["memberId"]) == ("SHARE", "HIGH", "OPEN", None)
    assert (alert["share"]["__typename"], alert["share"]["id"], alert["share"]["body"]) == (
        "AnonymousShare", share["id"], HIGH,
    )  # fmt: skip
    assert "SUICIDAL_THOUGHTS" in alert["categories"]
    assert share_cast.author.id not in str(alert)


async def test_an_alert_is_taken_then_resolved_and_each_step_is_recorded(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, changes: Changes
) -> None:
    alert_id, _ = await alert_for(gql, db, share_cast)

    taken = await act(gql, "AlertAcknowledge", share_cast.staff.token, alertId=alert_id)
    before = await changes.mark()
    twice = await act(gql, "AlertAcknowledge", share_cast.staff_two.token, alertId=alert_id)
    no_note = await act(gql, "AlertResolve", share_cast.staff.token, alertId=alert_id, note="  ")
    assert await changes.since(before) == []
    resolved = await act(
        gql, "AlertResolve", share_cast.staff.token, alertId=alert_id, note="Called; safe; follow-up booked."
    )
    again = await act(gql, "AlertResolve", share_cast.staff_two.token, alertId=alert_id, note="Me too.")

    assert (taken["alert"]["status"], taken["alert"]["acknowledgedBy"]) == ("ACKNOWLEDGED", share_cast.staff.id)
    assert (twice["code"], no_note["code"], again["code"]) == (
        "ALREADY_ACKNOWLEDGED",
        "NOTE_LENGTH",
        "ALREADY_RESOLVED",
    )
    done = resolved["alert"]
    assert (done["status"], done["resolvedBy"], done["resolutionNote"]) == (
        "RESOLVED", share_cast.staff.id, "Called; safe; follow-up booked.",
    )  # fmt: skip
    assert done["acknowledgedAt"] <= done["resolvedAt"]


async def test_an_escalated_report_shows_staff_its_reporter(
    gql: GraphQLClient, db: Database, share_cast: ShareCast
) -> None:
    group_id = await content_group(gql, db, share_cast)
    result = await act(
        gql, "ReportCreate", share_cast.member.token, targetKind="MEMBER", targetId=share_cast.peer.id,
        groupId=group_id, reason="SUICIDE_OR_SELF_HARM_RISK", note="They said goodbye to everyone.",
    )  # fmt: skip
    report = await db.reports.find_one({"_id": result["report"]["id"]})
    assert report is not None
    await escalate_due(repos=Repositories.over(db), now=report["escalate_at"])
    alert = await db.safeguarding_alerts.find_one({"source_id": report["_id"]})
    assert alert is not None

    shown = await listed(gql, share_cast.staff.token, str(alert["_id"]))

    assert shown is not None
    assert shown["report"]["reporterMemberId"] == share_cast.member.id
    assert (shown["report"]["targetKind"], shown["report"]["targetId"]) == ("MEMBER", share_cast.peer.id)
    assert (shown["level"], shown["report"]["status"]) == ("HIGH", "ESCALATED")


async def test_only_safeguarding_staff_reach_alerts(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, changes: Changes
) -> None:
    alert_id, _ = await alert_for(gql, db, share_cast)
    before = await changes.mark()

    for person, code in ((share_cast.lead, "FORBIDDEN"), (share_cast.member, "FORBIDDEN"),
                         (share_cast.admin, "FORBIDDEN")):  # fmt: skip
        for name, values in (("SafeguardingAlerts", {}), ("AlertAcknowledge", {"alertId": alert_id})):
            body = await (
                run(gql, name, person.token, **values) if not values else act(gql, name, person.token, **values)
            )
            assert body["errors"][0]["extensions"] == {"code": code}
    anonymous = await run(gql, "SafeguardingAlerts", None)
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert await changes.since(before) == []
