"""What `scripts/dev` gives an app team on day one (issue 14, item 10): a demo world loaded through
the running API (`scripts/dev seed`), and a fake FCM, run as a program, that shows every push.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import firebase_admin
import pytest
from firebase_admin import credentials

from infra.local import demo
from infra.local.services import PROJECT_ID, free_port
from infra.mongo.client import Database
from infra.push import PushSender, configure_fcm_url
from infra.settings import FirebaseSettings, Settings
from schemas.push import PushMessage, PushResult, SendOutcome
from tests.factories.console import console_client
from tests.fixtures.app import RunningApi

COUNTED = ("members", "groups", "memberships", "checkins", "shares", "responses", "reactions", "join_requests")


async def _counts(db: Database) -> dict[str, int]:
    return {name: await db[name].count_documents({}) for name in COUNTED}


async def test_the_demo_world_has_every_screen_s_data_and_a_second_run_makes_nothing_twice(
    api: RunningApi, db: Database, settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setenv("MONGODB_URI", settings.mongo.uri)
    monkeypatch.setenv("MONGODB_DATABASE", settings.mongo.database)
    monkeypatch.setenv("FIREBASE_AUTH_EMULATOR_HOST", settings.firebase.auth_emulator_host or "")
    url = f"{api.base_url}/graphql"

    await asyncio.to_thread(demo.main, ["--api", url])
    first, printed = await _counts(db), capsys.readouterr().out
    await asyncio.to_thread(demo.main, ["--api", url])

    # Six members, with their tokens printed; two groups; a closed one of five who joined over a week ago
    assert await _counts(db) == first
    assert printed.count("Authorization: Bearer ey") == 6
    closed = await db.groups.find_one({"name": demo.CLOSED_GROUP})
    assert closed is not None
    members = await db.memberships.find({"group_id": closed["_id"]}).to_list(None)
    assert len(members) == 5
    assert all(time.time() - m["joined_at"].timestamp() > 7 * 86400 for m in members)
    # Check-ins shared with it, an anonymous share with a reply and a reaction, a named one, a request waiting
    assert await db.checkins.count_documents({"group_id": closed["_id"], "visibility": "group"}) == 3
    shares = await db.shares.find({"group_id": closed["_id"]}).sort("anonymous").to_list(None)
    assert [(s["anonymous"], s["response_count"], sum(s["reaction_counts"].values())) for s in shares] == [
        (False, 0, 0), (True, 1, 1)
    ]  # fmt: skip
    assert await db.join_requests.count_documents({"group_id": closed["_id"], "status": "pending"}) == 1
    assert await db.devices.count_documents({"token": {"$regex": "^demo-phone-"}}) == 7  # and Kai's
    # And Kai, safeguarding staff, signs in to the staff console with the demo password
    assert f"Staff console: {api.base_url}/console/  sign in as kai@demo.example (safeguarding staff)" in printed
    officer = await asyncio.to_thread(demo.signed_in, "Kai")
    async with console_client(api.base_url) as console:
        started = await console.start_session(officer.token)
        assert started.status_code == 204, started.text
        assert (await console.get("/console/safeguarding")).status_code == 200


async def _send_one(credentials_file: Path, port: int) -> PushResult:
    """One push through firebase-admin, as a worker sends it."""
    configure_fcm_url(FirebaseSettings(fcm_url=f"http://127.0.0.1:{port}"))
    app = firebase_admin.initialize_app(
        credentials.Certificate(str(credentials_file)), {"projectId": PROJECT_ID}, name=f"fake-fcm-{port}"
    )
    sender = PushSender(app)
    message = PushMessage(device_id="d-1", token="demo-phone-sam", title="You're in", body="Welcome.",
                          collapse_id="n-1", data={"notificationId": "n-1", "kind": "JOIN_REQUEST_APPROVED"},
                          urgent=False, ttl_seconds=60)  # fmt: skip
    try:
        [result] = await sender.send([message])
    finally:
        await sender.aclose()
        await asyncio.to_thread(firebase_admin.delete_app, app)
    return result


def test_the_fake_fcm_program_shows_each_push_it_receives(tmp_path: Path) -> None:
    # Given the fake FCM run as scripts/dev runs it
    port = free_port()
    command = [sys.executable, "-m", "infra.local.fake_fcm", "--port", str(port), "--folder", str(tmp_path)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as program:  # noqa: S603 - our own module
        try:
            _watch_a_push(program, tmp_path, port)
        finally:
            program.terminate()


def _watch_a_push(program: subprocess.Popen[str], folder: Path, port: int) -> None:
    """What the fake shows of one push a worker would send it."""
    assert program.stdout is not None
    assert program.stdout.readline().startswith(f"fake FCM on http://127.0.0.1:{port}")

    # When firebase-admin sends it a push, as a worker does
    result = asyncio.run(_send_one(folder / "service-account.json", port))

    # Then it prints it, and lists it at /pushes
    assert result.outcome is SendOutcome.ACCEPTED
    line = program.stdout.readline()
    assert line.startswith("push -> ...mo-phone-sam  \"You're in\": 'Welcome.'")
    assert '"kind": "JOIN_REQUEST_APPROVED"' in line
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/pushes", timeout=10) as response:
        [listed] = json.loads(response.read())["pushes"]
    assert (listed["token"], listed["message"]["data"]["notificationId"]) == ("demo-phone-sam", "n-1")
