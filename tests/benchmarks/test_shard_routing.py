"""Which shards each main screen's MongoDB commands would reach on a sharded cluster, read from the
commands the API sends, routed by the shard-key table (infra/mongo/sharding.py) as mongos routes
them. The expected lists are docs/scale.md's: a command that reaches every shard is there with
its reason, and a change that adds one fails here first. A push's nine commands are checked
beside their count, in tests/domain/notifications/test_delivery.py.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from domain.checkins.reminders import remind_group
from infra.mongo.client import Database
from infra.mongo.sharding import route
from infra.settings import Settings
from tests.benchmarks.test_command_counts import World, world
from tests.fixtures.app import CommandCounter, GraphQLClient, RunningApi
from tests.fixtures.auth import AuthEmulator
from tests.support.operations import app_operation

_FOLLOWERS = frozenset({"getMore", "killCursors"})  # they go where their cursor's find went


def routes(commands: list[dict[str, Any]]) -> list[str]:
    """'<command> <collection>: <route>' per command, sorted (a screen's root fields run at once)."""
    named = ((next(iter(c)), c) for c in commands)
    return sorted(f"{name} {c[name]}: {route(c[name], c)}" for name, c in named if name not in _FOLLOWERS)


@pytest.fixture(scope="module")
async def given(
    gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database, command_counter: CommandCounter, settings: Settings
) -> World:
    return world(gql, auth_emulator, db, command_counter, settings)


async def screen(given: World, name: str, token: str, **variables: Any) -> list[str]:
    with given.counter.recording() as commands:
        body = await given.gql(app_operation(name), variables, token=token)
    assert "errors" not in body, body
    return routes(commands)


async def test_the_main_screens_reach_one_shard_but_where_docs_scale_md_says(given: World) -> None:
    lead, [group_id] = await given.leading(1, others=6)
    share_id, _named = await given.shares(group_id, lead.id, 2)
    check_in = {"mood": 3, "groupId": group_id, "visibility": "GROUP", "idempotencyKey": str(uuid.uuid4())}
    share = {"groupId": group_id, "body": "A heavy day.", "anonymous": True}

    home = await screen(given, "Home", lead.token, groupsFirst=30)
    feed = await screen(given, "GroupFeed", lead.token, groupId=group_id, first=20)
    share_screen = await screen(given, "ShareScreen", lead.token, id=share_id)
    checked_in = await screen(given, "CheckInSubmit", lead.token, input=check_in)
    shared = await screen(given, "ShareCreate", lead.token, input=share)
    leadership = await screen(given, "MyLeadership", lead.token, first=20)

    one = "one shard"
    assert home == [f"aggregate notifications: {one}", f"find groups: {one}", f"find members: {one}",
                    f"find memberships: {one}"]  # fmt: skip
    assert feed == [
        f"find authorship: {one}", f"find bylines: {one}", f"find groups: {one}", f"find members: {one}",
        f"find members: {one}", f"find memberships: {one}", f"find reactions: {one}", f"find shares: {one}",
        f"find shares: {one}",
    ]  # fmt: skip
    # A share by its id alone: the shard key (group_id) is not in the request (docs/scale.md).
    assert share_screen == [
        f"find authorship: {one}", f"find authorship: {one}", f"find groups: {one}", f"find members: {one}",
        f"find memberships: {one}", f"find reactions: {one}", f"find responses: {one}", "find shares: every shard",
    ]  # fmt: skip
    assert checked_in == [
        f"find checkins: {one}", f"find groups: {one}", f"find members: {one}", f"find memberships: {one}",
        f"insert checkins: {one}", f"update memberships: {one}", f"update memberships: {one}",
    ]  # fmt: skip
    # The group's established members (the anonymity count) and its members to notify: a roster.
    assert shared == [
        "aggregate memberships: every shard", f"find authorship: {one}", f"find authorship: {one}",
        f"find groups: {one}", f"find members: {one}", "find memberships: every shard", f"find memberships: {one}",
        f"find reactions: {one}", f"insert authorship: {one}", "insert notifications: some shards",
        f"insert shares: {one}",
    ]  # fmt: skip
    # The lead's groups by member; their leaders and quiet members by group: rosters.
    assert leadership == [
        f"aggregate join_requests: {one}", f"find groups: {one}", f"find members: {one}",
        "find memberships: every shard", "find memberships: every shard", f"find memberships: {one}",
        f"find reports: {one}", f"find threads: {one}",
    ]  # fmt: skip


async def test_a_group_reminder_fan_out_reads_its_roster_from_every_shard_and_writes_in_one_insert(
    given: World, api: RunningApi
) -> None:
    _, [group_id] = await given.leading(1, others=6)
    group = await given.db.groups.find_one({"_id": group_id})
    assert group is not None
    occurrence = group["next_checkin_at"]

    with given.counter.recording() as commands:
        written = await remind_group(
            repos=api.runtime.repos, queue=api.runtime.queue, group_id=group_id, occurrence=occurrence, now=occurrence
        )

    # One unordered insert for the group, which mongos splits by member: each document to one shard.
    assert written > 1
    assert routes(commands) == sorted([
        "find groups: one shard", "find memberships: every shard", "find members: one shard",
        "insert notifications: some shards", "update groups: one shard",
    ])  # fmt: skip
