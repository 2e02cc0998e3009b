"""The real supportResources field is never rate limited, even when every bucket is empty."""

from __future__ import annotations

import uuid

from api.main import create_app
from infra.settings import RateLimitSettings, Settings
from tests.fixtures.app import in_process

QUERY = "{ supportResources(nation: SCOTLAND, age: 17) { name } }"
TINY = {"member_burst": 1, "member_per_minute": 1, "ip_burst": 1, "ip_per_minute": 1}


async def test_helplines_answer_after_the_address_has_used_its_allowance(settings: Settings) -> None:
    limits = RateLimitSettings(**TINY, key_prefix=f"rl-test-{uuid.uuid4().hex}")
    async with in_process(create_app(settings.model_copy(update={"rate_limits": limits}))) as clients:
        client = clients("203.0.113.7")
        spent = [(await client.post("/graphql", json={"query": "{ __typename }"})).status_code for _ in range(2)]
        answers = [await client.post("/graphql", json={"query": QUERY}) for _ in range(20)]

    assert spent == [200, 429]  # the address has nothing left
    assert {answer.status_code for answer in answers} == {200}
    names = [item["name"] for item in answers[-1].json()["data"]["supportResources"]]
    assert "Samaritans" in " ".join(names)
    assert "Breathing Space" in " ".join(names)
