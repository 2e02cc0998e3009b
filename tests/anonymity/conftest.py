"""The anonymity oracle's people (every identity field of each holds a canary string), their
group, and what each is shown, searched for the others' canaries.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import string
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import pytest
from firebase_admin import auth

from domain.shares.anonymity import AnonymityKey
from infra.firebase import get_or_create_app
from infra.mongo.client import Database
from infra.settings import Settings
from tests.api.graphql.shares.conftest import share_cast  # noqa: F401 - the content tests' people, here too
from tests.factories.devices import no_quiet_hours, registered_device
from tests.factories.groups import created_group, invite_code, joined
from tests.factories.members import ONBOARD, TestMember, onboarded_member, profile, years_ago
from tests.factories.shares import backdate_memberships
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator, AuthUser
from tests.support.operations import app_operation


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


@dataclass
class Recorder:
    """Everything each person was shown, as raw text."""

    gql: GraphQLClient
    shown: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    async def run(self, who: Canaried, name: str, /, **variables: Any) -> dict[str, Any]:
        response = await self.gql.raw(app_operation(name), variables, token=who.person.token)
        self.shown[who.person.id].append(response.text)
        body: dict[str, Any] = response.json()
        return body

    async def act(self, who: Canaried, name: str, /, **input_: Any) -> dict[str, Any]:
        body = await self.run(who, name, input=input_)
        if body.get("errors"):
            return body
        [result] = body["data"].values()
        assert isinstance(result, dict)
        return result


@dataclass(frozen=True)
class Scene:
    author: Canaried
    lead: Canaried
    member: Canaried
    group_id: str


@pytest.fixture
async def scene(gql: GraphQLClient, db: Database, auth_emulator: AuthEmulator, settings: Settings) -> Scene:
    """A closed group led by the lead, with the author, the member and two more, all of over a week."""
    author, lead, member = [await canaried(gql, auth_emulator, settings, role) for role in ("author", "lead", "member")]
    group_id = await created_group(gql, lead.person)
    code = await invite_code(gql, lead.person, group_id)
    for person in (author.person, member.person, await onboarded_member(gql, auth_emulator),
                   await onboarded_member(gql, auth_emulator)):  # fmt: skip
        await joined(gql, person, code=code)
    await backdate_memberships(db, group_id)
    return Scene(author=author, lead=lead, member=member, group_id=group_id)


def secrets_of(settings: Settings, person: Canaried) -> tuple[str, ...]:
    key = AnonymityKey.of(settings.anonymity_key.get_secret_value())
    return (*person.canaries, key.author_key(person.person.id), key.reactor_key(person.person.id))


def leaks(texts: list[str], forbidden: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(secret, text[:300]) for text in texts for secret in forbidden if secret.lower() in text.lower()]


def record_text(record: logging.LogRecord) -> str:
    """A log record as every sink would get it: message, extras and traceback."""
    extras = {k: v for k, v in record.__dict__.items() if k not in {"msg", "args"}}
    return f"{record.getMessage()} {extras!r}"
