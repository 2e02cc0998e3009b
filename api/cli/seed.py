"""`python -m api.cli.seed`: apply the indexes and seed the reviewed reference data
(the support resources in domain/crisis/data/support_resources.toml), exactly as
the API does at start-up. For ops, after a reviewed change to that file: running
API processes read the collection on every request, so no restart is needed.
"""

from __future__ import annotations

import asyncio
import logging
import sys

from domain.clock import SystemClock
from domain.crisis.service import seed_support_resources
from infra.logging import configure_logging
from infra.mongo.client import connect, create_client
from infra.mongo.indexes import ensure_indexes
from infra.mongo.repositories.registry import Repositories
from infra.mongo.repositories.support_resources import SyncOutcome
from infra.settings import Settings, get_settings

logger = logging.getLogger("api.cli.seed")


async def seed(settings: Settings) -> SyncOutcome:
    """Indexes first (the seed relies on none, but a fresh database gets them), then the data."""
    client = create_client(settings.mongo, app_name="wellbeing-seed")
    try:
        db = await connect(client, settings.mongo)
        await ensure_indexes(db)
        return await seed_support_resources(repos=Repositories.over(db), today=SystemClock().now().date())
    finally:
        await client.close()


def main() -> int:
    settings = get_settings()
    configure_logging(settings.log_level)
    outcome = asyncio.run(seed(settings))
    logger.info("seed done", extra={"written": outcome.written, "kept_newer": outcome.kept_newer})
    return 0


if __name__ == "__main__":
    sys.exit(main())
