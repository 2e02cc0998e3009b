"""The API process: `create_app(settings)` builds it; the lifespan opens and closes its services."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from fastapi import FastAPI
from pymongo.monitoring import CommandListener

from api.calendar import router as calendar_router
from api.graphql.execution.trusted_documents import TrustedDocuments, read_manifest
from api.graphql.router import build_router
from api.graphql.schema import Schema, build_schema
from api.health import router as health_router
from api.middleware import RequestGuard
from api.runtime import ApiRuntime
from domain.clock import Clock, SystemClock
from infra.logging import configure_logging, drop_wire_data
from infra.settings import Settings, get_settings

logger = logging.getLogger("api")


def create_app(
    settings: Settings,
    *,
    clock: Clock | None = None,
    mongo_listeners: Sequence[CommandListener] = (),
    schema: Schema | None = None,
) -> FastAPI:
    """The API; `schema` replaces the app's own (tests and benchmarks), trusted documents included."""
    drop_wire_data()  # whoever serves it (uvicorn's factory, a test), no payload reaches a log

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime = await ApiRuntime.open(settings, clock=clock or SystemClock(), mongo_listeners=mongo_listeners)
        app.state.runtime = runtime
        try:
            yield
        finally:
            await runtime.close()

    production = settings.is_production
    app = FastAPI(
        title="Wellbeing groups API",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    graphql = settings.graphql
    app.add_middleware(
        RequestGuard, max_body_bytes=graphql.max_body_bytes, body_timeout_seconds=graphql.body_timeout_seconds
    )
    app.include_router(health_router)
    app.include_router(calendar_router)
    schema = schema or app_schema(settings)
    router = build_router(schema, production=production)
    app.state.shared_answers = router.shared_answers  # its hit rate, for benchmarks and tests
    app.include_router(router, prefix="/graphql")
    return app


def app_schema(settings: Settings) -> Schema:
    """The app's schema with its trusted documents, parsed and validated now, at start-up."""
    schema = build_schema(settings.graphql, production=settings.is_production)
    schema.trusted_documents = TrustedDocuments.load(
        read_manifest(), schema, settings.graphql, enforced=settings.is_production
    )
    logger.info(
        "trusted documents ready",
        extra={"count": len(schema.trusted_documents), "enforced": schema.trusted_documents.enforced},
    )
    return schema


def create_app_from_env() -> FastAPI:
    """Entry point for uvicorn (`--factory`): settings from the environment."""
    settings = get_settings()
    configure_logging(settings.log_level)
    return create_app(settings)
