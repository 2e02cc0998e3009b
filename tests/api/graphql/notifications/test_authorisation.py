"""Who may do what with phones, inboxes and preferences: only the member, to their own.

Callers: anonymous, signed in but not onboarded, another member, staff (an
onboarded admin: staff rights give no access to a member's inbox or phones).
Each denial changes nothing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest

from infra.mongo.client import Database
from tests.factories.devices import REGISTER, SET_PREFERENCES, new_token, registered_device
from tests.factories.members import TestMember as Someone
from tests.factories.members import onboarded_member
from tests.factories.notifications import stored_notification
from tests.fixtures.app import GraphQLClient, RunningApi
from tests.fixtures.auth import AuthEmulator

UNREGISTER = """
mutation($t: String!) { deviceUnregister(input: {token: $t}) { __typename ... on DeviceUnregisterError { code } } }
"""
INBOX = "query { notifications(first: 100) { nodes { id } } unreadNotificationCount }"
PREFERENCES = "query { notificationPreferences { dailyPushCap } }"
MARK_READ = """
mutation($ids: [ID!]!) {
  notificationsMarkRead(input: {ids: $ids}) { ... on NotificationsMarkReadSuccess { notifications { id } notFoundIds } }
}
"""


@dataclass(frozen=True)
class World:
    """A member with a phone, an unread notification and their preferences; and who else may call."""

    owner: Someone
    token: str
    notification_id: str
    callers: dict[str, str | None]


@pytest.fixture
async def world(gql: GraphQLClient, auth_emulator: AuthEmulator, api: RunningApi) -> World:
    owner = await onboarded_member(gql, auth_emulator)
    token = await registered_device(gql, owner)
    notification = await stored_notification(api.runtime.repos, owner.id, created_at=datetime.now(UTC))
    other = await onboarded_member(gql, auth_emulator)
    staff = await onboarded_member(gql, auth_emulator, claims={"admin": True, "safeguarding": True})
    not_onboarded = await auth_emulator.sign_up()
    callers = {
        "anonymous": None,
        "not-onboarded": not_onboarded.token,
        "other-member": other.token,
        "staff": staff.token,
    }
    return World(owner, token, notification.id, callers)


async def _snapshot(db: Database, world: World) -> list[Any]:
    return [
        await db.devices.find({"token": world.token}).to_list(None),
        await db.notifications.find_one({"_id": world.notification_id}),
        await db.members.find_one({"_id": world.owner.id}),
    ]


TOP_LEVEL = {"anonymous": "UNAUTHENTICATED", "not-onboarded": "ONBOARDING_REQUIRED"}
CALLERS = ["anonymous", "not-onboarded", "other-member", "staff"]


@pytest.mark.parametrize("caller", CALLERS)
async def test_only_the_owner_can_unregister_their_phone(
    gql: GraphQLClient, db: Database, world: World, caller: str
) -> None:
    before = await _snapshot(db, world)
    body = await gql(UNREGISTER, {"t": world.token}, token=world.callers[caller])
    if caller in TOP_LEVEL:
        assert body["errors"][0]["extensions"]["code"] == TOP_LEVEL[caller]
    else:
        assert body["data"]["deviceUnregister"] == {"__typename": "DeviceUnregisterError", "code": "NOT_FOUND"}
    assert await _snapshot(db, world) == before
    owner = await gql(UNREGISTER, {"t": world.token}, token=world.owner.token)
    assert owner["data"]["deviceUnregister"] == {"__typename": "DeviceUnregisterSuccess"}


@pytest.mark.parametrize("caller", CALLERS)
async def test_only_the_owner_sees_their_inbox_and_marks_it_read(
    gql: GraphQLClient, db: Database, world: World, caller: str
) -> None:
    before = await _snapshot(db, world)
    inbox = await gql(INBOX, token=world.callers[caller])
    marked = await gql(MARK_READ, {"ids": [world.notification_id]}, token=world.callers[caller])
    if caller in TOP_LEVEL:
        assert inbox["data"] is None
        assert {e["extensions"]["code"] for e in inbox["errors"]} == {TOP_LEVEL[caller]}
        assert marked["errors"][0]["extensions"]["code"] == TOP_LEVEL[caller]
    else:
        assert world.notification_id not in [n["id"] for n in inbox["data"]["notifications"]["nodes"]]
        assert marked["data"]["notificationsMarkRead"] == {"notifications": [], "notFoundIds": [world.notification_id]}
    assert await _snapshot(db, world) == before
    owner = await gql(INBOX, token=world.owner.token)
    assert [n["id"] for n in owner["data"]["notifications"]["nodes"]] == [world.notification_id]
    assert owner["data"]["unreadNotificationCount"] == 1


@pytest.mark.parametrize("caller", ["anonymous", "not-onboarded"])
async def test_preferences_and_phones_need_an_onboarded_member(
    gql: GraphQLClient, db: Database, world: World, caller: str
) -> None:
    before = await _snapshot(db, world)
    devices_before = await db.devices.count_documents({})
    calls: list[Callable[[], Awaitable[dict[str, Any]]]] = [
        lambda: gql(PREFERENCES, token=world.callers[caller]),
        lambda: gql(SET_PREFERENCES, {"input": {"dailyPushCap": 1}}, token=world.callers[caller]),
        lambda: gql(
            REGISTER, {"input": {"token": new_token(), "platform": "IOS", "locale": "en"}}, token=world.callers[caller]
        ),
    ]
    for call in calls:
        body = await call()
        assert body["data"] is None
        assert body["errors"][0]["extensions"]["code"] == TOP_LEVEL[caller]
    assert await _snapshot(db, world) == before
    assert await db.devices.count_documents({}) == devices_before


@pytest.mark.parametrize("caller", ["other-member", "staff"])
async def test_preferences_are_each_member_s_own(gql: GraphQLClient, db: Database, world: World, caller: str) -> None:
    before = await _snapshot(db, world)
    await gql(SET_PREFERENCES, {"input": {"dailyPushCap": 7}}, token=world.callers[caller])
    assert await _snapshot(db, world) == before
    owner = await gql(PREFERENCES, token=world.owner.token)
    assert owner["data"]["notificationPreferences"] == {"dailyPushCap": 3}
