"""End to end: a member asks for their export, a real worker builds it, the member reads it."""

from __future__ import annotations

from pathlib import Path

import pytest

from infra.mongo.client import Database
from tests.factories.accounts import run_app
from tests.factories.members import onboarded_member
from tests.factories.operations import app_operation
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.services import ServiceEnv
from tests.fixtures.workers import celery_processes
from tests.workers.notifications.support import eventually


@pytest.mark.usefixtures("earlier_work_rested")
async def test_a_real_worker_builds_the_export_the_member_asked_for(
    services: ServiceEnv, gql: GraphQLClient, db: Database, auth_emulator: AuthEmulator, tmp_path: Path
) -> None:
    # Given a member who asks for their export
    member = await onboarded_member(gql, auth_emulator, displayName="Kit")
    requested = await run_app(gql, "DataExportRequest", member.token)
    export_id = requested["export"]["id"]

    # When a worker runs
    with celery_processes(services, tmp_path, beat=False):
        await eventually(lambda: db.data_exports.find_one({"_id": export_id, "status": "ready"}), logs=tmp_path)

    # Then the member reads it, ready, with their profile in it
    body = await gql(app_operation("DataExport"), {"id": export_id}, token=member.token)
    export = body["data"]["dataExport"]
    assert (export["state"], export["document"]["profile"]["displayName"]) == ("READY", "Kit")
