"""The services a benchmark run needs: its own FerretDB (or mongod), Redis and Auth emulator,
on free ports in a throwaway folder, as the test session starts them.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from infra.local.services import PROJECT_ID, LocalStack
from infra.settings import (
    Environment,
    FirebaseSettings,
    GraphQLSettings,
    MongoSettings,
    RedisSettings,
    Settings,
    WorkerSettings,
)
from tests.support.settings import UNLIMITED

# FerretDB reads whole collections for anything but `_id`, and the shared machine's load average
# reaches 7 on 2 cores: at 100k members one screen can take a minute, which the 5 s cut would end.
SLOW_MACHINE_TIMEOUT = 300.0


@contextlib.contextmanager
def local_stack() -> Iterator[LocalStack]:
    """Start the three services on free ports; stop them on exit."""
    with tempfile.TemporaryDirectory(prefix="bench-") as root:
        stack = LocalStack.for_tests(Path(root))
        stack.up()
        try:
            yield stack
        finally:
            stack.down()


def settings_for(stack: LocalStack, database: str) -> Settings:
    """Settings pointing at the stack and a benchmark database; limits out of the way."""
    env = stack.env()
    os.environ["FIREBASE_AUTH_EMULATOR_HOST"] = env["FIREBASE_AUTH_EMULATOR_HOST"]
    return Settings(
        environment=Environment.TEST,
        mongo=MongoSettings(uri=env["MONGODB_URI"], database=database, timeout_ms=int(SLOW_MACHINE_TIMEOUT * 1000)),
        redis=RedisSettings(url=env["REDIS_URL"]),
        firebase=FirebaseSettings(project_id=PROJECT_ID, auth_emulator_host=env["FIREBASE_AUTH_EMULATOR_HOST"]),
        worker=WorkerSettings(broker_url=env["WORKER_BROKER_URL"]),
        rate_limits=UNLIMITED,
        graphql=GraphQLSettings(execution_timeout_seconds=SLOW_MACHINE_TIMEOUT),
    )


def process_env(stack: LocalStack, database: str) -> dict[str, str]:
    """The environment an API or worker subprocess needs for the same stack and database."""
    limits = {f"RATE_LIMIT_{name.upper()}": str(value) for name, value in UNLIMITED.model_dump().items()}
    limits = {key: value for key, value in limits.items() if "BURST" in key or "PER_MINUTE" in key}
    timeout = {
        "GRAPHQL_EXECUTION_TIMEOUT_SECONDS": str(SLOW_MACHINE_TIMEOUT),
        "MONGODB_TIMEOUT_MS": str(int(SLOW_MACHINE_TIMEOUT * 1000)),
    }
    return os.environ | stack.env() | limits | timeout | {"APP_ENVIRONMENT": "test", "MONGODB_DATABASE": database}
