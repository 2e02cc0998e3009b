"""What one API process holds for its lifetime, opened and closed by the lifespan."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pymongo.monitoring import CommandListener
from redis.asyncio import Redis

from domain.clock import Clock
from domain.crisis import load_reviewed_data
from infra.firebase import FirebaseAccounts, TokenVerifier, get_or_create_app
from infra.mongo.client import Client, Database, connect, create_client
from infra.mongo.repositories.registry import Repositories
from infra.pubsub import Broadcaster
from infra.queue import TaskQueue
from infra.rate_limits import TokenBuckets
from infra.redis import create_redis
from infra.settings import Settings


@dataclass
class ApiRuntime:
    settings: Settings
    clock: Clock
    mongo: Client
    db: Database
    repos: Repositories
    redis: Redis
    broadcaster: Broadcaster
    rate_limits: TokenBuckets
    tokens: TokenVerifier
    accounts: FirebaseAccounts
    queue: TaskQueue

    @classmethod
    async def open(
        cls, settings: Settings, *, clock: Clock, mongo_listeners: Sequence[CommandListener] = ()
    ) -> ApiRuntime:
        """Check the reviewed data files, connect to MongoDB (failing fast) and prepare the rest.
        The database was migrated before start-up (`python -m api.cli.migrate`).
        """
        load_reviewed_data()
        mongo = create_client(settings.mongo, app_name="wellbeing-api", listeners=mongo_listeners)
        try:
            db = await connect(mongo, settings.mongo)
        except BaseException:
            await mongo.close()
            raise
        firebase = get_or_create_app(settings.firebase)
        redis = create_redis(settings.redis)
        broadcaster = Broadcaster(redis)
        await broadcaster.start()
        return cls(
            settings=settings,
            clock=clock,
            mongo=mongo,
            db=db,
            repos=Repositories.over(db),
            redis=redis,
            broadcaster=broadcaster,
            rate_limits=TokenBuckets(redis, settings.rate_limits),
            tokens=TokenVerifier(firebase, cache_seconds=settings.firebase.token_cache_seconds),
            accounts=FirebaseAccounts(firebase),
            queue=TaskQueue(settings.worker),
        )

    async def close(self) -> None:
        self.queue.close()
        await self.broadcaster.close()
        await self.redis.aclose()
        await self.mongo.close()
