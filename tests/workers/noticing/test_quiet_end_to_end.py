"""End to end: a real beat ticks, a real worker finds a member who went quiet, opens the episode,
writes the nudge and delivers it to the fake FCM, once. The workers use the test's own database,
since the scan reads everything due.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from domain.notifications.catalogue import text_for
from infra.settings import Settings
from schemas.documents.members import Language
from schemas.documents.notifications import NotificationKind
from tests.factories.devices import no_quiet_hours, registered_device
from tests.factories.frozen import frozen_api
from tests.factories.groups import created_group, invite_code, joined
from tests.factories.members import onboarded_member
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.fcm import FakeFcm
from tests.fixtures.workers import celery_processes
from tests.workers.notifications.conftest import PUSH_ENV
from tests.workers.notifications.support import eventually, in_status


async def test_a_real_worker_and_beat_nudge_a_member_who_went_quiet_once(
    settings: Settings, auth_emulator: AuthEmulator, fake_fcm: FakeFcm, tmp_path: Path
) -> None:
    # Given Sam, Welsh-speaking with a phone, joined a group without a schedule 8 days ago and has
    # done nothing there since (an API with its clock set then)
    async with frozen_api(settings, datetime.now(UTC) - timedelta(days=8), isolated=True) as api:
        lead = await onboarded_member(api.gql, auth_emulator, displayName="Lee")
        sam = await onboarded_member(api.gql, auth_emulator, displayName="Sam", language="CY")
        group_id = await created_group(api.gql, lead)
        await joined(api.gql, sam, code=await invite_code(api.gql, lead, group_id))
        token = await registered_device(api.gql, sam)
        await no_quiet_hours(api.gql, sam)
        membership = await api.db.memberships.find_one({"member_id": sam.id})
        assert membership is not None
        database = api.runtime.settings.mongo.database

        # When beat and a worker run on that database
        env = {"MONGODB_DATABASE": database, **fake_fcm.env(), **PUSH_ENV}
        with celery_processes(settings, tmp_path, beat=True, tick_seconds=1.0, **env):
            query = {"member_id": sam.id, "kind": NotificationKind.QUIET_NUDGE.value}
            found = await eventually(lambda: api.db.notifications.find_one(query), logs=tmp_path)
            sent = await eventually(lambda: in_status(api.db, found["_id"], "sent"), logs=tmp_path)
            stored = await eventually(
                lambda: api.db.memberships.find_one({"_id": membership["_id"], "quiet.step": "nudged"}), logs=tmp_path
            )

        # Then one nudge reached Sam's phone, in Welsh, naming no group; the episode waits for its next step
        text = text_for(NotificationKind.QUIET_NUDGE, Language.CY)
        [received] = fake_fcm.received(token)
        assert received.message["notification"] == {"title": text.title, "body": text.body}
        assert received.message["data"] == {"notificationId": sent["_id"], "kind": "QUIET_NUDGE", "groupId": group_id}
        assert sent["dedupe_key"] == f"quiet:{membership['_id']}:1:nudged"
        assert await api.db.notifications.count_documents(query) == 1
        assert stored["quiet"]["number"] == 1
        assert stored["next_evaluation_at"] == stored["quiet"]["started_at"] + timedelta(days=3)
