"""An API whose clock the test moves: a second app served in-process, as the app would call it."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

import httpx
from pymongo.monitoring import CommandListener

from api.cli.migrate import migrate
from api.main import create_app
from api.runtime import ApiRuntime
from domain.clock import FrozenClock
from infra.mongo.client import Database
from infra.settings import Settings
from tests.fixtures.app import GraphQLClient, in_process, served_schema


@dataclass(frozen=True)
class FrozenApi:
    clock: FrozenClock
    gql: GraphQLClient
    runtime: ApiRuntime
    client: Callable[[], httpx.AsyncClient]  # another HTTP client of the app, with cookies of its own

    @property
    def db(self) -> Database:
        return self.runtime.db

    @property
    def now(self) -> datetime:
        return self.clock.now()


@contextlib.asynccontextmanager
async def frozen_api(
    settings: Settings, at: datetime, *, isolated: bool = False, listeners: Sequence[CommandListener] = ()
) -> AsyncIterator[FrozenApi]:
    """The API with its clock stopped at `at` (move it with `clock.advance`). `isolated` gives it a
    database of its own, for tests of ticks that read everything due (other tests' data included).
    """
    if isolated:
        mongo = settings.mongo.model_copy(update={"database": f"{settings.mongo.database}_{uuid.uuid4().hex[:8]}"})
        settings = settings.model_copy(update={"mongo": mongo})
        await migrate(settings)
    clock = FrozenClock(at)
    app = create_app(settings, clock=clock, mongo_listeners=listeners, schema=served_schema())
    async with in_process(app) as clients:
        yield FrozenApi(clock=clock, gql=GraphQLClient(clients()), runtime=app.state.runtime, client=clients)
        if isolated:
            await app.state.runtime.mongo.drop_database(settings.mongo.database)
