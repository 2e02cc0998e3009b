"""`python -m api.cli.migrate`: bring a database up to what this code needs, the indexes and
then the reviewed reference data (the support resources in
domain/crisis/data/support_resources.toml). Run before the API starts, by `scripts/dev`, by the
tests for each module's database and by the image's entry point; the API itself does not, so
it starts fast. Idempotent and safe from several replicas at once: an index that exists is
kept, and the seed never undoes a newer revision. For ops, after a reviewed change to that
file: running API processes read the collection on every request, so no restart is needed.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from datetime import date

from domain.clock import SystemClock
from domain.crisis import seed_support_resources
from infra.logging import configure_logging
from infra.mongo.client import connect, create_client
from infra.mongo.indexes import ensure_indexes
from infra.mongo.repositories.registry import Repositories
from infra.mongo.repositories.support_resources import SyncOutcome
from infra.settings import Settings, get_settings

logger = logging.getLogger("api.cli.migrate")


async def migrate(settings: Settings, *, today: date | None = None) -> SyncOutcome:
    """Indexes first (the seed relies on none, but a fresh database gets them), then the data."""
    client = create_client(settings.mongo, app_name="wellbeing-migrate")
    try:
        db = await connect(client, settings.mongo)
        await ensure_indexes(db)
        today = today or SystemClock().now().date()
        return await seed_support_resources(repos=Repositories.over(db), today=today)
    finally:
        await client.close()


def main() -> int:
    settings = get_settings()
    configure_logging(settings.log_level)
    outcome = asyncio.run(migrate(settings))
    logger.info("migrate done", extra={"written": outcome.written, "kept_newer": outcome.kept_newer})
    return 0


if __name__ == "__main__":
    sys.exit(main())
