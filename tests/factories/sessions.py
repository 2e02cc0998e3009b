"""Venues and sessions made through the real API with the app's own operations
(schemas/graphql/operations/sessions.graphql).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.factories.groups import mutate
from tests.factories.members import TestMember
from tests.fixtures.app import GraphQLClient
from tests.support.operations import app_operation


def venue_input(group_id: str, **overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "groupId": group_id,
        "name": "St Mary's church hall",
        "address": "1 Church Street, Cardiff",
        "postcode": "cf10 1aa",
        "directions": "Side door, first room on the left.",
        "accessibility": {"stepFree": True, "hearingLoop": True, "note": "Lift to the first floor."},
    }
    return values | overrides


async def added_venue(gql: GraphQLClient, lead: TestMember, group_id: str, **overrides: Any) -> str:
    result = await mutate(gql, "VenueCreate", lead.token, **venue_input(group_id, **overrides))
    assert result["__typename"] == "VenueCreateSuccess", result
    venue_id: str = result["venue"]["id"]
    return venue_id


def session_input(group_id: str, day: date, **overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "groupId": group_id,
        "title": "Thursday evening",
        "mode": "IN_PERSON",
        "date": day.isoformat(),
        "startTime": "19:00",
        "durationMinutes": 90,
    }
    return values | overrides


async def planned(
    gql: GraphQLClient, lead: TestMember, group_id: str, day: date, **overrides: Any
) -> list[dict[str, Any]]:
    """The sessions sessionCreate made (one, or a series)."""
    result = await mutate(gql, "SessionCreate", lead.token, **session_input(group_id, day, **overrides))
    assert result["__typename"] == "SessionCreateSuccess", result
    sessions: list[dict[str, Any]] = result["sessions"]
    return sessions


async def answered(gql: GraphQLClient, member: TestMember, session_id: str, answer: str = "GOING") -> dict[str, Any]:
    result = await mutate(gql, "SessionAnswer", member.token, sessionId=session_id, answer=answer)
    assert result["__typename"] == "SessionAnswerSuccess", result
    session: dict[str, Any] = result["session"]
    return session


async def session_of(gql: GraphQLClient, viewer: TestMember, session_id: str) -> dict[str, Any]:
    body = await gql(app_operation("Session"), {"id": session_id}, token=viewer.token)
    assert not body.get("errors"), body
    details: dict[str, Any] = body["data"]["session"]
    return details


async def sessions_of(gql: GraphQLClient, viewer: TestMember, group_id: str, **variables: Any) -> list[dict[str, Any]]:
    body = await gql(app_operation("GroupSessions"), {"groupId": group_id, **variables}, token=viewer.token)
    assert not body.get("errors"), body
    sessions: list[dict[str, Any]] = body["data"]["groupSessions"]
    return sessions
