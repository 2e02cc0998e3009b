"""Who may do what with shares, per operation: anonymous, a non-member, a member, the author,
a co-lead, the lead and safeguarding staff. Every refusal changes nothing and notifies nobody.
"""

from __future__ import annotations

import pytest

from infra.mongo.client import Database
from tests.factories.shares import SHARE_ROLES, ShareCast, act, content_group, run, shared
from tests.fixtures.app import GraphQLClient
from tests.fixtures.changes import Changes
from tests.security.matrix import NF, NP, OK, U, check, roles_matrix


@pytest.fixture(scope="module")
async def group_id(gql: GraphQLClient, db: Database, share_cast: ShareCast) -> str:
    return await content_group(gql, db, share_cast)


@pytest.fixture
async def share_id(gql: GraphQLClient, share_cast: ShareCast, group_id: str) -> str:
    share = await shared(gql, share_cast.author, group_id)
    return str(share["id"])


by_role = roles_matrix(SHARE_ROLES)


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
