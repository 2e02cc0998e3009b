"""Difficult dates made through the real API with the app's own operations
(schemas/graphql/operations/noticing.graphql).
"""

from __future__ import annotations

from typing import Any

from tests.factories.members import TestMember
from tests.fixtures.app import GraphQLClient
from tests.support.operations import app_operation


def noticing_operation(name: str) -> str:
    return app_operation(name)


async def difficult_date_add(gql: GraphQLClient, member: TestMember, **input_: Any) -> dict[str, Any]:
    """Run difficultDateAdd; returns its result object."""
    body = await gql(noticing_operation("DifficultDateAdd"), {"input": input_}, token=member.token)
    result: dict[str, Any] = body["data"]["difficultDateAdd"]
    return result


async def added_date(gql: GraphQLClient, member: TestMember, **input_: Any) -> str:
    """Add a date that must be accepted; returns its id."""
    values = {"label": "Dad's anniversary", "month": 3, "day": 28} | input_
    result = await difficult_date_add(gql, member, **values)
    assert result["__typename"] == "DifficultDateAddSuccess", result
    date_id: str = result["difficultDate"]["id"]
    return date_id
