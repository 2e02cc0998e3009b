"""Phones and push preferences, set through the real API as the app would."""

from __future__ import annotations

import uuid
from typing import Any

from tests.factories.members import TestMember
from tests.fixtures.app import GraphQLClient

REGISTER = """
mutation DeviceRegister($input: DeviceRegisterInput!) {
  deviceRegister(input: $input) {
    __typename
    ... on DeviceRegisterSuccess { device { id platform locale lastSeen createdAt } }
    ... on DeviceRegisterError { code message fieldErrors { field code message } }
  }
}
"""

SET_PREFERENCES = """
mutation NotificationPreferencesSet($input: NotificationPreferencesSetInput!) {
  notificationPreferencesSet(input: $input) {
    __typename
    ... on NotificationPreferencesSetSuccess {
      preferences { reminders nudges letLeadsKnowWhenQuiet quietHoursStart quietHoursEnd dailyPushCap onBreakUntil }
    }
    ... on NotificationPreferencesSetError { code message fieldErrors { field code message } }
  }
}
"""


def new_token() -> str:
    """Shaped like an FCM registration token: an instance id, a colon, a long random part."""
    return f"{uuid.uuid4().hex[:22]}:APA91b{uuid.uuid4().hex}{uuid.uuid4().hex}"


async def registered_device(
    gql: GraphQLClient,
    member: TestMember,
    *,
    token: str | None = None,
    platform: str = "ANDROID",
    locale: str = "en-GB",
) -> str:
    """Register a phone for the member; returns its token."""
    token = token or new_token()
    body = await gql(REGISTER, {"input": {"token": token, "platform": platform, "locale": locale}}, token=member.token)
    result = body["data"]["deviceRegister"]
    assert result["__typename"] == "DeviceRegisterSuccess", result
    return token


async def preferences_set(gql: GraphQLClient, member: TestMember, **values: Any) -> dict[str, Any]:
    body = await gql(SET_PREFERENCES, {"input": values}, token=member.token)
    result: dict[str, Any] = body["data"]["notificationPreferencesSet"]
    assert result["__typename"] == "NotificationPreferencesSetSuccess", result
    return result


async def no_quiet_hours(gql: GraphQLClient, member: TestMember) -> None:
    """Quiet hours off (start equal to end), so a test's push goes whatever the time of day."""
    await preferences_set(gql, member, quietHoursStart="00:00", quietHoursEnd="00:00")
