"""An API whose clock the test moves: a second app served in-process, as the app would call it."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime

from api.main import create_app
from api.runtime import ApiRuntime
from domain.clock import FrozenClock
from infra.settings import Settings
from tests.fixtures.app import GraphQLClient, in_process


@dataclass(frozen=True)
class FrozenApi:
    clock: FrozenClock
    gql: GraphQLClient
    runtime: ApiRuntime


@contextlib.asynccontextmanager
async def frozen_api(settings: Settings, at: datetime) -> AsyncIterator[FrozenApi]:
    """The API with its clock stopped at `at` (move it with `clock.advance` or by setting `clock.current`)."""
    clock = FrozenClock(at)
    app = create_app(settings, clock=clock)
    async with in_process(app) as clients:
        yield FrozenApi(clock=clock, gql=GraphQLClient(clients()), runtime=app.state.runtime)
