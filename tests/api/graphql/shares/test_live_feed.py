"""The live groupFeed over graphql-transport-ws: members only, re-checked per event, built by the
same serializers as the queries, and carried between API processes by Redis.
"""

from __future__ import annotations

from typing import Any

from redis.asyncio import Redis

from api.main import create_app
from infra.mongo.client import Database
from infra.settings import Settings
from tests.factories.accounts import run_app
from tests.factories.groups import created_group, invite_code, joined, mutate
from tests.factories.members import onboarded_member
from tests.factories.shares import (
    ShareCast,
    YoungPeople,
    act,
    content_group,
    feed,
    responded,
    shared,
    youth_content_group,
)
from tests.fixtures.app import GraphQLClient, RunningApi, in_process
from tests.fixtures.auth import AuthEmulator
from tests.support.live import live_feed
from tests.support.operations import app_operation


def following(api: RunningApi, redis: Redis, token: str, group_id: str) -> Any:
    return live_feed(api.ws_url, token, group_id, broadcaster=api.runtime.broadcaster, redis=redis)


async def test_a_new_share_arrives_exactly_as_the_feed_query_shows_it(
    api: RunningApi, redis: Redis, gql: GraphQLClient, db: Database, share_cast: ShareCast
) -> None:
    group_id = await content_group(gql, db, share_cast)
    async with (
        following(api, redis, share_cast.member.token, group_id) as member,
        following(api, redis, share_cast.author.token, group_id) as author,
    ):
        share = await shared(gql, share_cast.author, group_id)

        seen_by_member = await member.event()
        seen_by_author = await author.event()

    assert seen_by_member["__typename"] == "ShareAdded"
    [queried] = (await feed(gql, share_cast.member, group_id))["nodes"]
    assert seen_by_member["share"] == queried
    assert (seen_by_member["share"]["viewerIsAuthor"], seen_by_author["share"]["viewerIsAuthor"]) == (False, True)
    assert seen_by_author["share"] == share


async def test_responses_reactions_and_deletion_arrive(
    api: RunningApi, redis: Redis, gql: GraphQLClient, db: Database, share_cast: ShareCast
) -> None:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id)
    async with following(api, redis, share_cast.peer.token, group_id) as peer:
        response = await responded(gql, share_cast.member, share["id"], "Sending love.")
        added = await peer.event()
        await act(gql, "ReactionSet", share_cast.member.token, shareId=share["id"], kind="HERE_FOR_YOU")
        reacted = await peer.event()
        await act(gql, "ShareDelete", share_cast.author.token, shareId=share["id"])
        gone = await peer.event()

    assert (added["__typename"], added["response"]) == ("ResponseAdded", {**response, "viewerIsAuthor": False})
    assert reacted["__typename"] == "ReactionsChanged"
    assert {c["kind"]: c["count"] for c in reacted["reactionCounts"]}["HERE_FOR_YOU"] == 1
    assert gone == {"__typename": "ContentHidden", "contentId": share["id"], "shareId": share["id"]}


async def test_held_content_sends_nothing_to_peers(
    api: RunningApi, redis: Redis, gql: GraphQLClient, db: Database, share_cast: ShareCast, young: YoungPeople
) -> None:
    group_id = await youth_content_group(gql, db, share_cast, young)
    async with following(api, redis, young.members[1].token, group_id) as peer:
        held = await act(gql, "ShareCreate", young.author.token, groupId=group_id, body="I want to kill myself")
        assert held["share"]["status"] == "HELD"
        later = await shared(gql, young.author, group_id, "Another day.")

        first = await peer.event()

    assert first["share"]["id"] == later["id"]


async def test_a_removed_member_stops_receiving_at_the_next_event(
    api: RunningApi, redis: Redis, gql: GraphQLClient, db: Database, share_cast: ShareCast
) -> None:
    group_id = await content_group(gql, db, share_cast)
    async with (
        following(api, redis, share_cast.peer.token, group_id) as peer,
        following(api, redis, share_cast.lead.token, group_id) as lead,
    ):
        removed = await mutate(
            gql, "MemberRemove", share_cast.lead.token, groupId=group_id, memberId=share_cast.peer.id, reason="Spam"
        )
        assert removed["__typename"] == "MemberRemoveSuccess"
        await shared(gql, share_cast.author, group_id, "Still here.", anonymous=False)

        ended = await peer.next()
        arrived = await lead.event()

    assert ended == {"type": "complete", "id": "1"}
    assert arrived["share"]["body"] == "Still here."


async def test_a_member_who_asks_to_be_deleted_stops_receiving_at_the_next_event(
    api: RunningApi, redis: Redis, gql: GraphQLClient, auth_emulator: AuthEmulator
) -> None:
    # Given Robin following their group's feed (their socket signed in before the deletion)
    lead, robin = [await onboarded_member(gql, auth_emulator, displayName=name) for name in ("Lee", "Robin")]
    group_id = await created_group(gql, lead)
    await joined(gql, robin, code=await invite_code(gql, lead, group_id))
    async with following(api, redis, robin.token, group_id) as feed_of_robin:
        # When Robin deletes their account, and then someone shares
        assert (await run_app(gql, "AccountDelete", robin.token, input={"confirm": "Robin"}))["__typename"] == (
            "AccountDeleteSuccess"
        )
        await shared(gql, lead, group_id, "Still here.", anonymous=False)

        # Then their stream ends instead of carrying the share
        ended = await feed_of_robin.next()

    assert ended == {"type": "complete", "id": "1"}


async def test_someone_outside_the_group_cannot_follow_it(
    api: RunningApi, gql: GraphQLClient, db: Database, share_cast: ShareCast
) -> None:
    group_id = await content_group(gql, db, share_cast)
    for person in (share_cast.outsider, share_cast.staff):
        async with live_feed(api.ws_url, person.token, group_id) as outsider:
            refused = await outsider.next()
            ended = await outsider.next()
        assert refused["payload"] == {
            "data": None,
            "errors": [{"message": "Not found.", "extensions": {"code": "NOT_FOUND"}}],
        }
        assert ended == {"type": "complete", "id": "1"}


async def test_an_event_from_another_api_process_arrives_through_redis(
    api: RunningApi, redis: Redis, settings: Settings, gql: GraphQLClient, db: Database, share_cast: ShareCast
) -> None:
    # Given a member following on this process, and a second API process with its own Redis connection
    group_id = await content_group(gql, db, share_cast)
    async with (
        in_process(create_app(settings)) as other,
        following(api, redis, share_cast.member.token, group_id) as member,
    ):
        # When the author shares through the other process
        response = await other().post(
            "/graphql",
            json={"query": app_operation("ShareCreate"), "variables": {"input": {"groupId": group_id, "body": "Hi."}}},
            headers={"Authorization": f"Bearer {share_cast.author.token}"},
        )
        share = response.json()["data"]["shareCreate"]["share"]

        # Then it arrives here
        event = await member.event()
    assert event["share"]["id"] == share["id"]
