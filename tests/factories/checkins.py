"""Check-ins made through the real API with the app's own operations (schemas/graphql/operations/checkins.graphql)."""

from __future__ import annotations

import uuid
from typing import Any

from tests.factories.members import TestMember
from tests.fixtures.app import GraphQLClient
from tests.support.operations import app_operation


def check_in_operation(name: str) -> str:
    return app_operation(name)


async def submit(gql: GraphQLClient, member: TestMember | None, **input_: Any) -> dict[str, Any]:
    """Run CheckInSubmit (a fresh idempotency key and mood 3 unless given); the result object, or the body on errors."""
    values = {"mood": 3, "idempotencyKey": str(uuid.uuid4())} | input_
    body = await gql(check_in_operation("CheckInSubmit"), {"input": values}, token=member.token if member else None)
    if body.get("errors"):
        return body
    result: dict[str, Any] = body["data"]["checkInSubmit"]
    return result


async def checked_in(gql: GraphQLClient, member: TestMember, **input_: Any) -> dict[str, Any]:
    """A check-in that must succeed; its `checkIn`."""
    result = await submit(gql, member, **input_)
    assert result["__typename"] == "CheckInSubmitSuccess", result
    check_in: dict[str, Any] = result["checkIn"]
    return check_in


async def read(gql: GraphQLClient, member: TestMember | None, name: str, **variables: Any) -> dict[str, Any]:
    """Run one of the app's check-in queries; the whole body."""
    return await gql(check_in_operation(name), variables, token=member.token if member else None)
