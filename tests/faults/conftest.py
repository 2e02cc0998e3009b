"""Fault tests: real servers of their own, stopped, restarted or slowed on purpose.

Each test starts private servers (infra/local/services.py) on free ports in its own
temporary folder, never the session's shared ones, and gives the app under test short
timeouts, so a fault is met in well under a second and the suite stays within its
minute. The Auth emulator is the session's: no test here stops it.
"""

from __future__ import annotations

import gc
import uuid
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from infra.local.services import PROJECT_ID, MongoService, RedisService, free_port
from infra.settings import (
    CrisisSettings,
    Environment,
    FirebaseSettings,
    GraphQLSettings,
    MongoSettings,
    RedisSettings,
    Settings,
    WorkerSettings,
)
from tests.fixtures.services import ServiceEnv
from tests.support.settings import UNLIMITED


@pytest.fixture(autouse=True)
def _sockets_left_to_stopped_servers() -> Iterator[None]:
    """PyMongo drops a pooled socket to a server the test killed or slowed without closing it. It is
    collected here, after each fault test, rather than wherever the collector next runs: there its
    ResourceWarning would fail an unrelated test (and, under xdist, whichever module comes next).
    """
    yield
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()


# Production keeps the same order: the crisis answer's deadline, then the store's
# server selection and the execution cut (equal here, as in the report of issue 13).
EXECUTION_TIMEOUT_SECONDS = 1.5
WRITE_DEADLINE_SECONDS = 0.5


@dataclass
class PrivateServers:
    """A MongoDB-compatible server and a Redis of the test's own, on free ports."""

    mongo: MongoService
    redis: RedisService
    auth_emulator_host: str
    database: str

    def settings(self, *, mongo_port: int | None = None, redis_port: int | None = None) -> Settings:
        """The app's settings against these servers (or a proxy in front of either), with short timeouts."""
        # directConnection: an engine that says it is a replica set would otherwise lead the driver past a proxy.
        mongo = f"mongodb://127.0.0.1:{mongo_port or self.mongo.port}/?directConnection=true"
        redis = f"redis://127.0.0.1:{redis_port or self.redis.port}"
        timeout_ms = int(EXECUTION_TIMEOUT_SECONDS * 1000)
        return Settings(
            environment=Environment.TEST,
            mongo=MongoSettings(
                uri=mongo, database=self.database, timeout_ms=timeout_ms, server_selection_timeout_ms=timeout_ms
            ),
            redis=RedisSettings(url=f"{redis}/1", socket_timeout_seconds=0.5),
            firebase=FirebaseSettings(project_id=PROJECT_ID, auth_emulator_host=self.auth_emulator_host),
            worker=WorkerSettings(broker_url=f"{redis}/0"),
            graphql=GraphQLSettings(execution_timeout_seconds=EXECUTION_TIMEOUT_SECONDS),
            crisis=CrisisSettings(write_deadline_seconds=WRITE_DEADLINE_SECONDS),
            rate_limits=UNLIMITED,
        )


@pytest.fixture
def private_servers(tmp_path: Path, services: ServiceEnv) -> Iterator[PrivateServers]:
    mongo = MongoService(port=free_port(), root=tmp_path)
    redis = RedisService(port=free_port(), root=tmp_path)
    started = []
    try:
        for server in (mongo, redis):
            server.start()
            started.append(server)
        yield PrivateServers(mongo, redis, services.auth_emulator_host, f"faults_{uuid.uuid4().hex[:8]}")
    finally:
        for server in started:
            server.stop()
