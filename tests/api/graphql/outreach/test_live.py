"""threadLive over graphql-transport-ws: those in a thread follow it as it happens (a new message,
an edit, a deletion, a seen mark, its end); anyone else is NOT_FOUND at subscribe, exactly like a
made-up id; and a leader who is no longer one hears nothing more, from the next event on.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager
from typing import Any

import pytest
from redis.asyncio import Redis

from infra.settings import Settings
from schemas.events import thread_channel
from tests.factories.members import TestMember as Person
from tests.factories.outreach import OutreachCast, act, led_group, new_outreach_cast, said, started
from tests.fixtures.app import GraphQLClient, RunningApi
from tests.fixtures.auth import AuthEmulator
from tests.security.calls import subscribe_once, without_locations
from tests.support.live import LiveFeed, subscribed
from tests.support.operations import app_operation


@pytest.fixture(scope="module")
async def cast(gql: GraphQLClient, auth_emulator: AuthEmulator) -> OutreachCast:
    return await new_outreach_cast(gql, auth_emulator)


@pytest.fixture(scope="module")
async def redis(settings: Settings) -> AsyncIterator[Redis]:
    client = Redis.from_url(settings.redis.url)
    yield client
    await client.aclose()


def live_thread(api: RunningApi, redis: Redis, who: Person, thread_id: str) -> AbstractAsyncContextManager[LiveFeed]:
    """ThreadLive as the app subscribes to it, listening before the test goes on."""
    return subscribed(api.ws_url, who.token, "ThreadLive", {"threadId": thread_id}, channel=thread_channel(thread_id),
                      broadcaster=api.runtime.broadcaster, redis=redis)  # fmt: skip


async def event(feed: LiveFeed) -> dict[str, Any]:
    return await feed.event(field="threadLive")


async def test_both_sides_follow_the_thread_as_it_happens(
    gql: GraphQLClient, api: RunningApi, redis: Redis, cast: OutreachCast
) -> None:
    group_id = await led_group(gql, cast)
    thread_id = (await started(gql, cast.lead, group_id, member=cast.sam, body="Hello Sam."))["thread"]["id"]

    async with live_thread(api, redis, cast.sam, thread_id) as sam, live_thread(api, redis, cast.co_lead,
                                                                                thread_id) as co_lead:  # fmt: skip
        sent = await said(gql, cast.lead, thread_id, "Are you free for a call?")
        for feed, mine in ((sam, False), (co_lead, False)):
            added = await event(feed)
            assert added["__typename"] == "MessageAdded"
            assert (added["message"]["id"], added["message"]["body"], added["message"]["mine"]) == (
                sent["threadMessage"]["id"], "Are you free for a call?", mine,
            )  # fmt: skip
        await act(gql, "ThreadMarkSeen", cast.sam, threadId=thread_id)
        assert [(await event(feed))["__typename"] for feed in (sam, co_lead)] == ["ThreadSeen", "ThreadSeen"]
        await act(gql, "MessageDelete", cast.lead, messageId=sent["threadMessage"]["id"])
        for feed in (sam, co_lead):
            deleted = await event(feed)
            assert (deleted["__typename"], deleted["message"]["deleted"], deleted["message"]["body"]) == (
                "MessageDeleted", True, "",
            )  # fmt: skip
        await act(gql, "ThreadClose", cast.sam, threadId=thread_id)
        closed = await event(co_lead)
        assert (closed["__typename"], closed["thread"]["status"]) == ("ThreadClosed", "CLOSED")


@pytest.mark.parametrize("who", ["peer", "outsider", "staff", "admin"])
async def test_anyone_else_is_refused_at_subscribe_exactly_like_a_made_up_thread(
    gql: GraphQLClient, api: RunningApi, cast: OutreachCast, who: str
) -> None:
    group_id = await led_group(gql, cast)
    thread_id = (await started(gql, cast.lead, group_id, member=cast.sam))["thread"]["id"]
    person: Person = getattr(cast, who)

    answers = [await _first_answer(api, person, target) for target in (thread_id, str(uuid.uuid4()))]

    assert answers[0] == answers[1]
    assert answers[0] == {"data": None, "errors": [{"message": "Not found.", "extensions": {"code": "NOT_FOUND"}}]}


async def test_a_co_lead_stepped_down_hears_nothing_more(
    gql: GraphQLClient, api: RunningApi, redis: Redis, cast: OutreachCast
) -> None:
    group_id = await led_group(gql, cast)
    thread_id = (await started(gql, cast.sam, group_id, body="Hi both."))["thread"]["id"]

    async with live_thread(api, redis, cast.co_lead, thread_id) as co_lead:
        demoted = await act(gql, "CoLeadDemote", cast.lead, groupId=group_id, memberId=cast.co_lead.id)
        assert demoted["__typename"] == "CoLeadDemoteSuccess"
        await said(gql, cast.sam, thread_id, "Something private for the leads.")

        ended = await co_lead.next()
        assert ended == {"id": "1", "type": "complete"}  # ended, with nothing of the message
    assert all("Something private" not in frame for frame in co_lead.frames)


async def _first_answer(api: RunningApi, who: Person, thread_id: str) -> dict[str, Any]:
    document = app_operation("ThreadLive")
    return without_locations(await subscribe_once(api.ws_url, document, who.token, {"threadId": thread_id}))
