"""`python -m api.cli.migrate`: the indexes, then `support_resources` seeded from the reviewed file,
idempotent, removing what the file dropped, never undoing a newer revision. The API no longer
does either at start-up.
"""

from __future__ import annotations

import asyncio
import os
import sys
import uuid
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from api.main import create_app
from domain.crisis.catalogue import default_catalogue
from domain.crisis.service import seed_support_resources
from infra.mongo.client import Database
from infra.mongo.indexes import INDEXES
from infra.mongo.repositories.registry import Repositories
from infra.mongo.repositories.support_resources import SyncOutcome
from infra.settings import Settings
from schemas.documents.support_resources import SupportResourceDocument
from tests.fixtures.app import RunningApi, environ_for, in_process

ROOT = Path(__file__).resolve().parents[3]
TODAY = date(2026, 11, 22)


@pytest.fixture
async def fresh_db(api: RunningApi) -> AsyncIterator[Database]:
    """A database of its own: these tests rewrite the collection the other tests read."""
    name = f"seed_{uuid.uuid4().hex[:8]}"
    yield api.runtime.mongo[name]
    await api.runtime.mongo.drop_database(name)


def _entry(resource_id: str) -> SupportResourceDocument:
    return next(item for item in default_catalogue().resources if item.id == resource_id)


async def _stored(db: Database) -> dict[str, dict[str, Any]]:
    return {raw["_id"]: raw async for raw in db.support_resources.find({})}


async def test_migrate_seeded_every_entry_of_the_reviewed_file_before_the_api_started(db: Database) -> None:
    catalogue = default_catalogue()
    stored = await _stored(db)
    assert sorted(stored) == sorted(item.id for item in catalogue.resources)
    assert {key: value["published"] for key, value in stored.items() if not value["published"]} == {
        "meic-wales": False,
    }
    assert SupportResourceDocument.from_mongo(stored["samaritans"]) == _entry("samaritans")


async def test_seeding_twice_changes_nothing(fresh_db: Database) -> None:
    repos = Repositories.over(fresh_db)
    first = await seed_support_resources(repos=repos, today=TODAY)
    before = await _stored(fresh_db)

    again = await seed_support_resources(repos=repos, today=TODAY)

    count = len(default_catalogue().resources)
    assert first == again == SyncOutcome(written=count, kept_newer=0, removed=0)
    assert await _stored(fresh_db) == before


async def test_an_entry_dropped_from_the_file_is_removed(fresh_db: Database) -> None:
    repos = Repositories.over(fresh_db)
    catalogue = default_catalogue()
    await seed_support_resources(repos=repos, today=TODAY)
    reviewed = replace(catalogue, version=catalogue.version + 1, resources=catalogue.resources[1:])

    outcome = await seed_support_resources(repos=repos, today=TODAY, catalogue=reviewed)

    assert outcome.removed == 1
    assert catalogue.resources[0].id not in await _stored(fresh_db)


async def test_an_older_file_never_overwrites_a_newer_revision(fresh_db: Database) -> None:
    # Given a newer review already seeded (say, by the new release during a rolling deploy)
    repos = Repositories.over(fresh_db)
    catalogue = default_catalogue()
    newer_samaritans = _entry("samaritans").model_copy(update={"revision": catalogue.version + 1})
    newer = replace(catalogue, version=catalogue.version + 1, resources=(newer_samaritans,))
    await seed_support_resources(repos=repos, today=TODAY, catalogue=newer)

    # When an old replica restarts and seeds its older file
    outcome = await seed_support_resources(repos=repos, today=TODAY, catalogue=catalogue)

    # Then the newer entry is kept, and the old file adds only what the new one lacks
    assert outcome == SyncOutcome(written=len(catalogue.resources) - 1, kept_newer=1, removed=0)
    stored = await _stored(fresh_db)
    assert stored["samaritans"]["revision"] == catalogue.version + 1


async def test_seeding_warns_when_the_review_is_overdue(fresh_db: Database, caplog: pytest.LogCaptureFixture) -> None:
    overdue = date.fromordinal(default_catalogue().reviewed_on.toordinal() + 181)
    await seed_support_resources(repos=Repositories.over(fresh_db), today=overdue)
    assert [record.getMessage() for record in caplog.records if record.levelname == "WARNING"] == [
        f"support resources were last reviewed on {default_catalogue().reviewed_on}: review them"
    ]


async def test_ops_can_migrate_with_python_m_api_cli_migrate(settings: Settings, api: RunningApi) -> None:
    database = f"seed_cli_{uuid.uuid4().hex[:8]}"
    environ = {**os.environ, **environ_for(settings), "MONGODB_DATABASE": database}

    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "api.cli.migrate", cwd=ROOT, env=environ, stderr=asyncio.subprocess.PIPE
    )
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=60)

    assert process.returncode == 0, stderr.decode()
    count = await api.runtime.mongo[database].support_resources.count_documents({})
    assert count == len(default_catalogue().resources)
    assert b"migrate done" in stderr
    for collection, indexes in INDEXES.items():
        found = set(await api.runtime.mongo[database][collection].index_information())
        assert found == {"_id_"} | {index.document["name"] for index in indexes}, collection
    await api.runtime.mongo.drop_database(database)


async def test_the_api_starts_without_touching_the_database_schema(settings: Settings, api: RunningApi) -> None:
    database = f"unmigrated_{uuid.uuid4().hex[:8]}"
    unmigrated = settings.model_copy(update={"mongo": settings.mongo.model_copy(update={"database": database})})

    async with in_process(create_app(unmigrated)) as clients:
        answer = await clients().post("/graphql", json={"query": "{ supportResources(nation: WALES, age: 30) { id } }"})

    assert answer.status_code == 200  # it serves (helplines come from memory when the collection is empty)
    assert await api.runtime.mongo[database].list_collection_names() == []
