"""Two anonymous shares by one author cannot be linked: not by id, not by time, not by order
within a minute (ANON-3, ANON-4); and no anonymous type has a field that could name anyone (ANON-1).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from graphql import GraphQLInterfaceType, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLUnionType

from api.graphql.schema import build_schema
from api.main import create_app
from domain.clock import FrozenClock
from infra.mongo.client import Database
from infra.settings import GraphQLSettings, Settings
from tests.factories.shares import ShareCast, content_group
from tests.fixtures.app import GraphQLClient, in_process
from tests.support.operations import app_operation

IDENTITY_WORDS = ("author", "member", "displayname", "name", "reporter", "uid", "email", "avatar", "profile", "user")
ANONYMOUS_TYPES = ("AnonymousShare", "AnonymousResponse")


async def test_one_authors_shares_in_one_minute_look_like_anyone_elses(
    gql: GraphQLClient, db: Database, settings: Settings, share_cast: ShareCast
) -> None:
    # Given an API whose clock stands still inside one minute
    group_id = await content_group(gql, db, share_cast)
    clock = FrozenClock(datetime(2031, 3, 4, 10, 17, 42, 123000, tzinfo=UTC))
    posted: list[tuple[str, str]] = []
    async with in_process(create_app(settings, clock=clock)) as client:
        api = client()

        async def share(who: str, token: str) -> None:
            body = {"query": app_operation("ShareCreate"), "variables": {"input": {"groupId": group_id, "body": "x"}}}
            response = await api.post("/graphql", json=body, headers={"Authorization": f"Bearer {token}"})
            posted.append((who, response.json()["data"]["shareCreate"]["share"]["id"]))

        # When the author and another member each share twice, alternately, seconds apart
        for _ in range(2):
            await share("author", share_cast.author.token)
            clock.current = clock.current.replace(second=clock.current.second + 3)
            await share("member", share_cast.member.token)
        feed = await api.post(
            "/graphql",
            json={"query": app_operation("GroupFeed"), "variables": {"groupId": group_id}},
            headers={"Authorization": f"Bearer {share_cast.peer.token}"},
        )

    nodes = feed.json()["data"]["groupFeed"]["nodes"]
    ids = [share_id for _, share_id in posted]
    # Then every id is a random UUIDv4 (no shared prefix, no time, no counter)
    assert all(uuid.UUID(share_id).version == 4 for share_id in ids)
    assert len({share_id[:8] for share_id in ids}) == 4
    # every share shows the same time, to the minute
    assert {node["createdAt"] for node in nodes} == {"2031-03-04T10:17:00+00:00"}
    # and the order within the minute is the ids' (random), not who posted or when
    assert [node["id"] for node in nodes] == sorted(ids, reverse=True)
    # nothing in what a peer sees differs between the author's shares and the other member's but id and body
    shown = [{k: v for k, v in node.items() if k != "id"} for node in nodes]
    assert all(entry == shown[0] for entry in shown)


def _named_types(graphql_type: object) -> object:
    while isinstance(graphql_type, GraphQLNonNull | GraphQLList):
        graphql_type = graphql_type.of_type
    return graphql_type


def _reachable_fields(type_name: str) -> list[tuple[str, str, str]]:
    """(type, field, field's named type) for every field reachable from `type_name`."""
    schema = build_schema(GraphQLSettings(), production=False)._schema
    seen: set[str] = set()
    found: list[tuple[str, str, str]] = []
    pending = [schema.type_map[type_name]]
    while pending:
        current = pending.pop()
        if current.name in seen:
            continue
        seen.add(current.name)
        if isinstance(current, GraphQLUnionType):
            pending += current.types
        if not isinstance(current, GraphQLObjectType | GraphQLInterfaceType):
            continue
        for name, field in current.fields.items():
            target = _named_types(field.type)
            found.append((current.name, name, target.name))  # type: ignore[attr-defined]
            pending.append(target)  # type: ignore[arg-type]
    return found


@pytest.mark.parametrize("type_name", ANONYMOUS_TYPES)
def test_anonymous_content_has_no_field_that_could_name_anyone(type_name: str) -> None:
    fields = _reachable_fields(type_name)
    assert fields, type_name
    identity = [
        (owner, name, target) for owner, name, target in fields
        if name != "viewerIsAuthor" and any(word in name.lower() for word in IDENTITY_WORDS)
    ]  # fmt: skip
    assert identity == []
    assert {target for _, _, target in fields} & {"Member", "GroupMember", "NamedShare", "NamedResponse"} == set()
