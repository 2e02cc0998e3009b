"""Accounts tasks: building a member's export, the tick that purges accounts whose grace
period is over (and builds exports left behind, and removes, one by one, the anonymous posts
deleted members asked to go), and the daily retention purge.

All are idempotent: an export is rebuilt from scratch, purge steps and retention
deletes are repeatable, so a redelivered or overlapping task does nothing twice.
"""

from __future__ import annotations

from datetime import timedelta

from domain.accounts import build_export, build_stale_exports, purge_due, purge_expired, remove_due
from domain.shares import AnonymityKey, Publishing
from infra.phones import PhoneVault
from schemas.tasks.accounts import BUILD_EXPORT, RETENTION, TICK, BuildExport
from workers.app import app
from workers.runtime import WorkerRuntime, run


def _key(rt: WorkerRuntime) -> AnonymityKey:
    return AnonymityKey.of(rt.settings.anonymity_key.get_secret_value())


def _vault(rt: WorkerRuntime) -> PhoneVault:
    return PhoneVault(rt.settings.text.phone_key.get_secret_value())


def _keep(rt: WorkerRuntime) -> timedelta:
    return timedelta(days=rt.settings.retention.export_days)


@app.task(name=BUILD_EXPORT)
def build(export_id: str) -> None:
    payload = BuildExport(export_id=export_id)
    run(
        lambda rt: build_export(
            repos=rt.repos,
            key=_key(rt),
            export_id=payload.export_id,
            keep=_keep(rt),
            now=rt.clock.now(),
            vault=_vault(rt),
        )
    )


async def _tick(rt: WorkerRuntime) -> None:
    now = rt.clock.now()
    await build_stale_exports(repos=rt.repos, key=_key(rt), keep=_keep(rt), now=now, vault=_vault(rt))
    spread = timedelta(days=rt.settings.retention.anonymous_removal_spread_days)
    await purge_due(repos=rt.repos, accounts=rt.accounts, key=_key(rt), now=now, spread=spread)
    publishing = Publishing(repos=rt.repos, broadcaster=rt.broadcaster, key=_key(rt))
    await remove_due(publishing=publishing, now=now)


@app.task(name=TICK)
def tick() -> None:
    run(_tick)


@app.task(name=RETENTION)
def retention() -> None:
    run(lambda rt: purge_expired(repos=rt.repos, settings=rt.settings.retention, now=rt.clock.now()))
