"""The one `AsyncMongoClient` per process: created by the process's start-up, never at import."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC
from typing import Any, TypeAlias

from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import ConnectionFailure, PyMongoError
from pymongo.monitoring import CommandListener

from infra.settings import MongoSettings

Database: TypeAlias = AsyncDatabase[dict[str, Any]]
Client: TypeAlias = AsyncMongoClient[dict[str, Any]]

# Errors a task may retry: the store was unreachable (a timeout, a failover), not the request's fault.
TRANSIENT_ERRORS: tuple[type[Exception], ...] = (ConnectionFailure,)


def unreachable(error: PyMongoError) -> bool:
    """The store did not answer (down, slow, failing over), as opposed to refusing the request."""
    return isinstance(error, ConnectionFailure) or error.timeout


def create_client(settings: MongoSettings, *, app_name: str, listeners: Sequence[CommandListener] = ()) -> Client:
    """A client bound to no loop yet: it binds to the loop of its first operation."""
    return AsyncMongoClient(
        settings.uri,
        appname=app_name,
        tz_aware=True,
        tzinfo=UTC,
        timeoutMS=settings.timeout_ms,
        serverSelectionTimeoutMS=settings.server_selection_timeout_ms,
        maxPoolSize=settings.max_pool_size,
        event_listeners=list(listeners),
    )


async def connect(client: Client, settings: MongoSettings) -> Database:
    """Connect and ping, so a wrong URI fails at start-up rather than on a member's request."""
    await client.aconnect()
    await client.admin.command("ping")
    return client[settings.database]
