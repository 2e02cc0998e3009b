"""Who may do what with shares, per operation: anonymous, a non-member, a member, the author,
a co-lead, the lead and safeguarding staff. Every refusal changes nothing and notifies nobody.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from infra.mongo.client import Database
from tests.factories.shares import ShareCast, act, content_group, run, shared
from tests.fixtures.app import GraphQLClient
from tests.fixtures.changes import Changes

ROLES = ("anonymous", "outsider", "member", "author", "co_lead", "lead", "staff")
OK = "ok"
U, NF, F = "UNAUTHENTICATED", "NOT_FOUND", "FORBIDDEN"
NP = "NOT_PERMITTED"  # a mutation's typed refusal (api/graphql/errors.py)


@pytest.fixture(scope="module")
async def group_id(gql: GraphQLClient, db: Database, share_cast: ShareCast) -> str:
    return await content_group(gql, db, share_cast)


@pytest.fixture
async def share_id(gql: GraphQLClient, share_cast: ShareCast, group_id: str) -> str:
    share = await shared(gql, share_cast.author, group_id)
    return str(share["id"])


def by_role(*outcomes: str) -> Any:
    assert len(outcomes) == len(ROLES)
    return pytest.mark.parametrize(
        ("role", "expected"), [pytest.param(r, o, id=r) for r, o in zip(ROLES, outcomes, strict=True)]
    )


def outcome_of(body: dict[str, Any]) -> str:
    if body.get("errors"):
        code: str = body["errors"][0]["extensions"]["code"]
        return code
    typename = body.get("__typename", "")
    return body["code"] if typename.endswith("Error") else OK


async def check(changes: Changes, expected: str, act_: Callable[[], Awaitable[dict[str, Any]]]) -> None:
    before = await changes.mark()
    body = await act_()
    assert outcome_of(body) == expected, body
    if expected != OK:
        assert await changes.since(before) == []


@by_role(U, NF, OK, OK, OK, OK, OK)
async def test_group_feed(
    gql: GraphQLClient, changes: Changes, share_cast: ShareCast, group_id: str, role: str, expected: str
) -> None:
    await check(changes, expected, lambda: run(gql, "GroupFeed", share_cast.token(role), groupId=group_id))


@by_role(U, NF, OK, OK, OK, OK, OK)
async def test_share(
    gql: GraphQLClient, changes: Changes, share_cast: ShareCast, share_id: str, role: str, expected: str
) -> None:
    await check(changes, expected, lambda: run(gql, "ShareScreen", share_cast.token(role), id=share_id))


@by_role(U, NF, OK, OK, OK, OK, NP)
async def test_share_create(
    gql: GraphQLClient, changes: Changes, share_cast: ShareCast, group_id: str, role: str, expected: str
) -> None:
    await check(
        changes, expected, lambda: act(gql, "ShareCreate", share_cast.token(role), groupId=group_id, body="Hard.")
    )


@by_role(U, NF, NP, OK, NP, NP, NP)
async def test_share_update(
    gql: GraphQLClient, changes: Changes, share_cast: ShareCast, share_id: str, role: str, expected: str
) -> None:
    await check(
        changes, expected, lambda: act(gql, "ShareUpdate", share_cast.token(role), shareId=share_id, body="Edit.")
    )


@by_role(U, NF, NP, OK, NP, NP, NP)
async def test_share_delete(
    gql: GraphQLClient, changes: Changes, share_cast: ShareCast, share_id: str, role: str, expected: str
) -> None:
    await check(changes, expected, lambda: act(gql, "ShareDelete", share_cast.token(role), shareId=share_id))


@by_role(U, NF, OK, OK, OK, OK, NP)
async def test_response_create(
    gql: GraphQLClient, changes: Changes, share_cast: ShareCast, share_id: str, role: str, expected: str
) -> None:
    await check(
        changes, expected, lambda: act(gql, "ResponseCreate", share_cast.token(role), shareId=share_id, body="Hi.")
    )


@by_role(U, NF, OK, OK, OK, OK, NP)
async def test_reaction_set(
    gql: GraphQLClient, changes: Changes, share_cast: ShareCast, share_id: str, role: str, expected: str
) -> None:
    await check(
        changes, expected, lambda: act(gql, "ReactionSet", share_cast.token(role), shareId=share_id, kind="ME_TOO")
    )


@by_role(U, NF, "NOT_REACTED", "NOT_REACTED", "NOT_REACTED", "NOT_REACTED", NP)
async def test_reaction_remove(
    gql: GraphQLClient, changes: Changes, share_cast: ShareCast, share_id: str, role: str, expected: str
) -> None:
    await check(
        changes, expected, lambda: act(gql, "ReactionRemove", share_cast.token(role), shareId=share_id, kind="ME_TOO")
    )
