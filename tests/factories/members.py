"""Members made through the real API, as the app would make them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator, AuthUser

ONBOARD = """
mutation Onboard($input: MemberOnboardInput!) {
  memberOnboard(input: $input) {
    __typename
    ... on MemberOnboardSuccess { member { id displayName dateOfBirth isUnder18 nation timezone language createdAt } }
    ... on MemberOnboardError { code message fieldErrors { field code message } }
  }
}
"""


def london_today() -> date:
    return datetime.now(ZoneInfo("Europe/London")).date()


def years_ago(years: int, *, days: int = 0) -> date:
    """The date of birth of someone exactly `years` old today in London, shifted by `days`."""
    today = london_today()
    try:
        born = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        born = today.replace(year=today.year - years, day=28)
    return date.fromordinal(born.toordinal() + days)


def profile(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "displayName": "Sam",
        "dateOfBirth": years_ago(30).isoformat(),
        "nation": "WALES",
        "timezone": "Europe/London",
        "language": "CY",
    }
    return values | overrides


@dataclass(frozen=True)
class TestMember:
    user: AuthUser
    id: str

    @property
    def token(self) -> str:
        return self.user.token


async def onboarded_member(
    gql: GraphQLClient, auth_emulator: AuthEmulator, *, claims: dict[str, Any] | None = None, **overrides: Any
) -> TestMember:
    user = await auth_emulator.sign_up(claims=claims)
    body = await gql(ONBOARD, {"input": profile(**overrides)}, token=user.token)
    result = body["data"]["memberOnboard"]
    assert result["__typename"] == "MemberOnboardSuccess", result
    return TestMember(user=user, id=result["member"]["id"])
