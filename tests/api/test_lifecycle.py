"""An API process starts and stops cleanly, again and again (deploys, autoscaling)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from api.main import create_app
from domain.clock import FrozenClock
from infra.settings import Settings
from tests.fixtures.app import in_process

QUERY = "{ supportResources(nation: SCOTLAND, age: 20) { id } }"


async def test_an_app_stops_promptly_after_serving_requests(settings: Settings) -> None:
    # Regression: redis-py could swallow the pub/sub reader's cancellation and
    # the reconnect loop kept it alive, so shutdown hung in about 1 run in 5.
    for _ in range(8):
        clock = FrozenClock(datetime(2026, 6, 1, 17, 30, tzinfo=UTC))
        app = create_app(settings, clock=clock)
        lifespan = in_process(app)
        clients = await lifespan.__aenter__()
        client = clients()
        assert (await client.post("/graphql", json={"query": QUERY})).status_code == 200
        clock.advance(timedelta(hours=9))
        assert (await client.post("/graphql", json={"query": QUERY})).status_code == 200
        await asyncio.wait_for(lifespan.__aexit__(None, None, None), timeout=10)
