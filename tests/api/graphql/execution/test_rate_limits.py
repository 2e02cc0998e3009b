"""Rate limits over HTTP against the real Redis: a member's bucket, an IP's for
requests without a member, stricter buckets for marked fields, and fields
that are never limited (GQL-4, CRISIS-3).
"""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
import strawberry

from api.graphql.core.permissions import IsAuthenticated, IsPublic
from api.graphql.execution.rate_limits import Bucket, RateLimited, RateLimitExempt
from api.graphql.schema import Mutation, Query, build_schema
from api.main import create_app
from infra.local.services import free_port
from infra.mongo.client import Database
from infra.settings import RateLimitSettings, RedisSettings, Settings
from tests.factories.members import onboarded_member
from tests.fixtures.app import GraphQLClient, in_process
from tests.fixtures.auth import AuthEmulator

calls: Counter[str] = Counter()


async def _support_resources() -> str:
    calls["supportResources"] += 1
    return "helplines"


async def _share_create() -> bool:
    calls["shareCreate"] += 1
    return True


async def _invite_redeem() -> bool:
    calls["inviteRedeem"] += 1
    return True


@strawberry.type
class _Query(Query):
    support_resources: str = strawberry.field(
        resolver=_support_resources,
        permission_classes=[IsPublic],
        extensions=[RateLimitExempt(reason="people in crisis must always reach help (CRISIS-3)")],
    )


@strawberry.type
class _Mutation(Mutation):
    share_create: bool = strawberry.mutation(
        resolver=_share_create, permission_classes=[IsAuthenticated], extensions=[RateLimited(Bucket.SENSITIVE)]
    )
    invite_redeem: bool = strawberry.mutation(
        resolver=_invite_redeem, permission_classes=[IsAuthenticated], extensions=[RateLimited(Bucket.GUESSABLE)]
    )


SMALL = {
    "member_burst": 3,
    "member_per_minute": 60,  # a token a second
    "ip_burst": 2,
    "ip_per_minute": 60,
    "sensitive_burst": 2,
    "sensitive_per_minute": 1,
    "guessable_burst": 1,
    "guessable_per_minute": 1,
}
ME = "{ me { id } }"
Clients = Callable[[str], httpx.AsyncClient]


def _app_settings(settings: Settings, **changes: Any) -> Settings:
    limits = RateLimitSettings(**SMALL, key_prefix=f"rl-test-{uuid.uuid4().hex}")
    return settings.model_copy(update={"rate_limits": limits, **changes})


@pytest.fixture(scope="module")
async def limited(settings: Settings) -> AsyncIterator[Clients]:
    schema = build_schema(settings.graphql, production=False, query=_Query, mutation=_Mutation)
    async with in_process(create_app(_app_settings(settings), schema=schema)) as clients:
        yield clients


def _ip() -> str:
    return f"198.51.100.{uuid.uuid4().int % 250 + 1}"


async def _post(client: httpx.AsyncClient, query: str, token: str | None = None, **variables: Any) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return await client.post("/graphql", json={"query": query, "variables": variables}, headers=headers)


def _limited(response: httpx.Response, retry_after: int) -> bool:
    assert response.status_code == 429, response.text
    assert response.headers["retry-after"] == str(retry_after)
    assert response.json() == {
        "data": None,
        "errors": [
            {
                "message": f"Too many requests. Try again in {retry_after} s.",
                "extensions": {"code": "RATE_LIMITED", "retryAfterSeconds": retry_after},
            }
        ],
    }
    return True


async def test_a_members_request_past_their_burst_is_refused_with_when_to_retry(
    limited: Clients, auth_emulator: AuthEmulator
) -> None:
    # Given two members calling from the same address
    client = limited(_ip())
    first, second = await auth_emulator.sign_up(), await auth_emulator.sign_up()

    # When the first makes one request more than the burst
    answered = [(await _post(client, ME, first.token)).status_code for _ in range(3)]
    refused = await _post(client, ME, first.token)

    # Then that one is refused for about a second, and the other member is unaffected
    assert answered == [200, 200, 200]
    assert _limited(refused, retry_after=1)
    assert (await _post(client, ME, second.token)).json() == {"data": {"me": None}}


async def test_a_refused_mutation_changes_nothing(
    limited: Clients, gql: GraphQLClient, auth_emulator: AuthEmulator, db: Database
) -> None:
    member = await onboarded_member(gql, auth_emulator, displayName="Robin")
    client = limited(_ip())
    for _ in range(3):
        await _post(client, ME, member.token)
    update = "mutation($input: MemberUpdateInput!) { memberUpdate(input: $input) { __typename } }"
    response = await _post(client, update, member.token, input={"displayName": "Changed"})
    assert _limited(response, retry_after=1)
    stored = await db.members.find_one({"_id": member.id})
    assert stored is not None
    assert stored["display_name"] == "Robin"


async def test_the_bucket_refills(limited: Clients, auth_emulator: AuthEmulator) -> None:
    client, user = limited(_ip()), await auth_emulator.sign_up()
    for _ in range(3):
        await _post(client, ME, user.token)
    assert _limited(await _post(client, ME, user.token), retry_after=1)
    await asyncio.sleep(1.05)
    assert (await _post(client, ME, user.token)).status_code == 200
    assert _limited(await _post(client, ME, user.token), retry_after=1)


async def test_requests_without_a_member_are_limited_per_ip(limited: Clients, auth_emulator: AuthEmulator) -> None:
    # Given an address that has used its burst without signing in
    address, other = limited(_ip()), limited(_ip())
    assert [(await _post(address, "{ __typename }")).status_code for _ in range(2)] == [200, 200]

    # Then its next anonymous request is refused, while another address and a
    # signed-in member at the same address still get through
    assert _limited(await _post(address, "{ __typename }"), retry_after=1)
    assert (await _post(other, "{ __typename }")).status_code == 200
    user = await auth_emulator.sign_up()
    assert (await _post(address, ME, user.token)).status_code == 200


async def test_a_sensitive_field_has_its_own_stricter_bucket(limited: Clients, auth_emulator: AuthEmulator) -> None:
    client, user = limited(_ip()), await auth_emulator.sign_up()
    calls.clear()
    assert [(await _post(client, "mutation { shareCreate }", user.token)).status_code for _ in range(2)] == [200, 200]
    assert _limited(await _post(client, "mutation { shareCreate }", user.token), retry_after=60)
    assert calls == Counter({"shareCreate": 2})
    # The refusal took nothing from the general bucket: the member can still read.
    assert (await _post(client, ME, user.token)).status_code == 200


async def test_aliases_cannot_batch_past_a_stricter_bucket(limited: Clients, auth_emulator: AuthEmulator) -> None:
    client, user = limited(_ip()), await auth_emulator.sign_up()
    calls.clear()
    batched = "mutation { a: shareCreate b: shareCreate c: shareCreate }"
    assert _limited(await _post(client, batched, user.token), retry_after=60)
    assert calls == Counter()
    assert (await _post(client, "mutation { a: shareCreate b: shareCreate }", user.token)).status_code == 200
    assert calls == Counter({"shareCreate": 2})


async def test_an_exempt_field_answers_when_every_bucket_is_empty(
    limited: Clients, auth_emulator: AuthEmulator
) -> None:
    # Given a member and an address that have both used their bursts
    client, user = limited(_ip()), await auth_emulator.sign_up()
    for _ in range(3):
        await _post(client, ME, user.token)
    for _ in range(2):
        await _post(client, "{ __typename }")
    calls.clear()

    # Then the crisis resources still answer, signed in or not, again and again
    responses = [await _post(client, "{ supportResources }", token) for token in (user.token, None) * 5]
    assert {response.status_code for response in responses} == {200}
    assert calls == Counter({"supportResources": 10})
    # Asked together with a limited field, the operation is limited as a whole.
    assert _limited(await _post(client, "{ supportResources me { id } }", user.token), retry_after=1)


async def test_without_redis_every_field_is_limited_in_memory_and_none_refused_for_it(
    settings: Settings, auth_emulator: AuthEmulator
) -> None:
    # Given an API whose Redis is down
    down = _app_settings(settings, redis=RedisSettings(url=f"redis://127.0.0.1:{free_port()}/1"))
    schema = build_schema(settings.graphql, production=False, query=_Query, mutation=_Mutation)
    user = await auth_emulator.sign_up()
    calls.clear()
    async with in_process(create_app(down, schema=schema)) as clients:
        client = clients(_ip())

        # Then crisis resources, reading and writing a share go through (CRISIS-3) ...
        assert (await _post(client, "{ supportResources }")).json() == {"data": {"supportResources": "helplines"}}
        assert (await _post(client, ME, user.token)).json() == {"data": {"me": None}}
        assert (await _post(client, "mutation { shareCreate }", user.token)).json() == {"data": {"shareCreate": True}}

        # ... and an invite code is no easier to guess: the process counts the attempts itself
        first = await _post(client, "mutation { inviteRedeem }", user.token)
        second = await _post(client, "mutation { inviteRedeem }", user.token)
    assert first.json() == {"data": {"inviteRedeem": True}}
    assert _limited(second, retry_after=60)
    assert calls == Counter({"supportResources": 1, "shareCreate": 1, "inviteRedeem": 1})


async def test_a_guessable_field_allows_few_attempts(limited: Clients, auth_emulator: AuthEmulator) -> None:
    client, user = limited(_ip()), await auth_emulator.sign_up()
    assert (await _post(client, "mutation { inviteRedeem }", user.token)).status_code == 200
    assert _limited(await _post(client, "mutation { inviteRedeem }", user.token), retry_after=60)
