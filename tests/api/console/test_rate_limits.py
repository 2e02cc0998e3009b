"""The console draws on the same rate-limit buckets as GraphQL: an address before sign-in, the
member after; past the allowance a page says when to come back (429 with Retry-After).
"""

from __future__ import annotations

import uuid

from api.main import create_app
from infra.settings import RateLimitSettings, Settings
from tests.factories.console import opened, sign_in
from tests.factories.members import onboarded_member
from tests.fixtures.app import GraphQLClient, in_process, served_schema
from tests.fixtures.auth import AuthEmulator

SMALL = {"ip_burst": 3, "ip_per_minute": 0.01, "member_burst": 3, "member_per_minute": 0.01}


def small_buckets(settings: Settings) -> Settings:
    limits = RateLimitSettings(**SMALL, key_prefix=f"rl-{uuid.uuid4().hex[:8]}")  # type: ignore[arg-type]
    return settings.model_copy(update={"rate_limits": limits})


async def test_an_address_then_a_member_gets_its_allowance_and_then_a_page_saying_when(
    settings: Settings, gql: GraphQLClient, auth_emulator: AuthEmulator
) -> None:
    officer = await onboarded_member(gql, auth_emulator, displayName="Officer", claims={"safeguarding": True})
    app = create_app(small_buckets(settings), schema=served_schema())
    async with in_process(app) as client:
        # An address: the sign-in page (1), the session (2), then the member's own bucket
        desk = await opened(client("10.0.0.7"))
        await sign_in(desk, auth_emulator, officer.user)
        pages = [(await desk.get("/console/safeguarding")).status_code for _ in range(4)]
        assert pages == [200, 200, 200, 429]
        refused = await desk.get("/console/")
        assert refused.status_code == 429
        assert int(refused.headers["retry-after"]) > 60
        assert "Too many requests. Try again in" in refused.text
        # And the address has one request left: the third sign-in page, then a refusal
        other = client("10.0.0.7")
        assert [(await other.get("/console/sign-in")).status_code for _ in range(2)] == [200, 429]
