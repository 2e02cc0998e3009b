"""What one API process holds for its lifetime, opened and closed by the lifespan."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pymongo.monitoring import CommandListener
from redis.asyncio import Redis

from domain.clock import Clock
from domain.crisis import (
    RecentProfiles,
    SupportDirectory,
    load_reviewed_data,
    refresh_directory,
    refresh_local_services,
)
from infra.firebase import FirebaseAccounts, SessionCookies, TokenVerifier, get_or_create_app
from infra.mongo.client import Client, Database, connect, create_client
from infra.mongo.repositories.registry import Repositories
from infra.phones import PhoneVault
from infra.pubsub import Broadcaster
from infra.queue import TaskQueue
from infra.rate_limits import TokenBuckets
from infra.redis import create_redis
from infra.settings import Settings

logger = logging.getLogger("api.runtime")
_UNFINISHED_WRITES_GRACE_SECONDS = 10.0


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
    sessions: SessionCookies  # the staff console's
    queue: TaskQueue
    support: SupportDirectory
    vault: PhoneVault  # phone numbers: encrypted at rest, found by a keyed HMAC (texting)
    profiles: RecentProfiles = field(default_factory=RecentProfiles)
    _unfinished: set[asyncio.Task[Any]] = field(default_factory=set)
    _refresher: asyncio.Task[None] | None = None

    @classmethod
    async def open(
        cls, settings: Settings, *, clock: Clock, mongo_listeners: Sequence[CommandListener] = ()
    ) -> ApiRuntime:
        """Check the reviewed data files, connect to MongoDB (failing fast) and prepare the rest.
        The database was migrated before start-up (`python -m api.cli.migrate`).
        """
        load_reviewed_data()
        support = SupportDirectory()  # the shipped file first: help is there before the store answers
        mongo = create_client(settings.mongo, app_name="wellbeing-api", listeners=mongo_listeners)
        try:
            db = await connect(mongo, settings.mongo)
            await refresh_directory(repos=Repositories.over(db), directory=support, now=clock.now())
            await _refresh_local(Repositories.over(db), support, clock)
        except BaseException:
            await mongo.close()
            raise
        firebase = get_or_create_app(settings.firebase)
        redis = create_redis(settings.redis)
        broadcaster = Broadcaster(redis)
        await broadcaster.start()
        runtime = cls(
            settings=settings,
            clock=clock,
            mongo=mongo,
            db=db,
            repos=Repositories.over(db, geo_near=settings.mongo.geo_near),
            redis=redis,
            broadcaster=broadcaster,
            rate_limits=TokenBuckets(redis, settings.rate_limits),
            tokens=TokenVerifier(firebase, cache_seconds=settings.firebase.token_cache_seconds),
            accounts=FirebaseAccounts(firebase),
            sessions=SessionCookies(firebase),
            queue=TaskQueue(settings.worker),
            support=support,
            vault=PhoneVault(settings.text.phone_key.get_secret_value()),
        )
        runtime._refresher = asyncio.create_task(runtime._refresh_support_forever())
        return runtime

    def keep(self, work: Awaitable[Any]) -> asyncio.Task[Any]:
        """Let `work` outlive the request that started it (a write still going when its
        answer left): held here so it is not collected, and given a grace period when
        the process stops.
        """
        task = asyncio.ensure_future(work)
        self._unfinished.add(task)
        task.add_done_callback(self._unfinished.discard)
        return task

    async def _refresh_support_forever(self) -> None:
        every = self.settings.crisis.directory_refresh_seconds
        while True:
            await asyncio.sleep(every)
            try:
                await refresh_directory(repos=self.repos, directory=self.support, now=self.clock.now())
            except Exception:  # a bad stored copy must not end the refresh: the last good one stays
                logger.exception("support resources refresh failed; keeping the %s copy", self.support.source)
            await _refresh_local(self.repos, self.support, self.clock)

    async def refresh_local_services(self) -> bool:
        """Read the hosts' local services now (the loop does it every refresh period); False when the
        store could not answer, the last copy kept.
        """
        return await _refresh_local(self.repos, self.support, self.clock)

    async def close(self) -> None:
        if self._refresher is not None:
            self._refresher.cancel()
        await self._finish_unfinished()
        self.queue.close()
        await self.broadcaster.close()
        await self.redis.aclose()
        await self.mongo.close()

    async def _finish_unfinished(self) -> None:
        """Let unfinished writes end (briefly), then cancel what is left."""
        pending = set(self._unfinished)
        if pending:
            _, pending = await asyncio.wait(pending, timeout=_UNFINISHED_WRITES_GRACE_SECONDS)
        for task in pending:
            task.cancel()
        for task in pending:
            with contextlib.suppress(BaseException):
                await task


async def _refresh_local(repos: Repositories, support: SupportDirectory, clock: Clock) -> bool:
    """The hosts' local services into memory; a store that cannot answer leaves the last copy
    (or none: members then get the national helplines only), never a failed start or request.
    """
    try:
        await refresh_local_services(repos=repos, local=support.local, now=clock.now())
    except Exception:
        logger.exception("local services refresh failed; keeping the copy from %s", support.local.loaded_at)
        return False
    return True
