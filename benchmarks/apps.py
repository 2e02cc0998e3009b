"""The three servers a load run compares, each a uvicorn factory (`--factory`), settings from the environment.

- `ours`: the API as deployed (`api.main:create_app_from_env`), for reference here too.
- `stock`: the same types and resolvers, context and services, on a stock strawberry setup:
  a plain `strawberry.Schema` (no extensions, so no limits, masking, guard or rate limits) and a
  plain `GraphQLRouter`, so every request is parsed and validated again; the query is sent as text.
- `bare`: a FastAPI endpoint answering a small JSON body to a POST: the ceiling.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import strawberry
from fastapi import FastAPI, Request
from strawberry.fastapi import GraphQLRouter

from api.graphql.core.context import Context, get_context
from api.graphql.schema import SCHEMA_CONFIG, Mutation, Query
from api.graphql.shares.types import CONCRETE_TYPES as SHARE_TYPES
from api.main import create_app_from_env
from api.runtime import ApiRuntime
from domain.clock import SystemClock
from infra.settings import get_settings

__all__ = ["bare", "create_app_from_env", "stock"]


def stock() -> FastAPI:
    """Our resolvers on strawberry's defaults."""
    settings = get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.runtime = await ApiRuntime.open(settings, clock=SystemClock())
        try:
            yield
        finally:
            await app.state.runtime.close()

    app = FastAPI(lifespan=lifespan)
    schema = strawberry.Schema(query=Query, mutation=Mutation, types=SHARE_TYPES, config=SCHEMA_CONFIG)
    app.include_router(GraphQLRouter[Context, None](schema, context_getter=get_context), prefix="/graphql")
    return app


def bare() -> FastAPI:
    """A POST answered with a small JSON body, without reading a database."""
    app = FastAPI()

    @app.post("/graphql")
    async def answer(request: Request) -> dict[str, Any]:
        await request.body()
        return {"data": {"me": {"id": "a1b2c3", "displayName": "Sam", "language": "EN"}}}

    return app
