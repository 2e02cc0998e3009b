"""The anonymity oracle's people: every identity field of each holds a canary string."""

from __future__ import annotations

import asyncio
import secrets
import string
from dataclasses import dataclass

from firebase_admin import auth

from infra.firebase import get_or_create_app
from infra.settings import Settings
from tests.api.graphql.shares.conftest import share_cast  # noqa: F401 - the content tests' people, here too
from tests.factories.devices import no_quiet_hours, registered_device
from tests.factories.members import ONBOARD, TestMember, profile, years_ago
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator, AuthUser


@dataclass(frozen=True)
class Canaried:
    """A person whose every identity value is a string to search for."""

    person: TestMember
    display_name: str
    device_token: str

    @property
    def canaries(self) -> tuple[str, ...]:
        return (self.person.id, self.person.user.uid, self.display_name, self.device_token, self.person.user.email)


async def canaried(gql: GraphQLClient, auth_emulator: AuthEmulator, settings: Settings, role: str) -> Canaried:
    """A member with a canary Firebase uid, email, display name and push token."""
    tag = role + "".join(secrets.choice(string.ascii_lowercase) for _ in range(8))  # no digits: no phone number
    uid, email, password = f"canaryuid{tag}", f"canarymail{tag}@example.test", secrets.token_hex(12)
    app = get_or_create_app(settings.firebase)
    await asyncio.to_thread(auth.create_user, uid=uid, email=email, password=password, app=app)
    user = await auth_emulator.sign_in(AuthUser(uid=uid, email=email, password=password, token=""))
    name = f"Canaryname{tag}"
    member = await _onboard(gql, user, name)
    await no_quiet_hours(gql, member)
    token = await registered_device(gql, member, token=f"canarytoken{tag}:APA91b{secrets.token_hex(40)}")
    return Canaried(person=member, display_name=name, device_token=token)


async def _onboard(gql: GraphQLClient, user: AuthUser, name: str) -> TestMember:
    body = await gql(
        ONBOARD, {"input": profile(displayName=name, dateOfBirth=years_ago(30).isoformat(), language="EN")},
        token=user.token,
    )  # fmt: skip
    result = body["data"]["memberOnboard"]
    assert result["__typename"] == "MemberOnboardSuccess", result
    return TestMember(user=user, id=result["member"]["id"])
