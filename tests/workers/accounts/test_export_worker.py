"""End to end: a member asks for their export, a real worker builds it, the member reads it."""

from __future__ import annotations

from pathlib import Path

from infra.mongo.client import Database
from infra.settings import Settings
from tests.factories.accounts import run_app
from tests.factories.members import onboarded_member
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.workers import celery_processes
from tests.support.operations import app_operation
from tests.workers.notifications.support import eventually


async def test_a_real_worker_builds_the_export_the_member_asked_for(
    settings: Settings, gql: GraphQLClient, db: Database, auth_emulator: AuthEmulator, tmp_path: Path
) -> None:
    # Given a member who asks for their export
    member = await onboarded_member(gql, auth_emulator, displayName="Kit")
    requested = await run_app(gql, "DataExportRequest", member.token)
    export_id = requested["export"]["id"]

    # When a worker runs
    with celery_processes(settings, tmp_path, beat=False):
        await eventually(lambda: db.data_exports.find_one({"_id": export_id, "status": "ready"}), logs=tmp_path)

    # Then the member reads it, ready, with their profile in it
    body = await gql(app_operation("DataExport"), {"id": export_id}, token=member.token)
    export = body["data"]["dataExport"]
    assert (export["state"], export["document"]["profile"]["displayName"]) == ("READY", "Kit")
