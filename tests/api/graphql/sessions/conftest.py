"""A frozen API in a database of its own, with the outreach cast (a lead, a co-lead, Sam, Pat, an
outsider, Jo who is 17, an admin and safeguarding staff) and Lee's closed group with a venue.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from infra.settings import Settings
from schemas.documents.notifications import NotificationKind
from tests.factories.frozen import FrozenApi, frozen_api
from tests.factories.outreach import OutreachCast, led_group, new_outreach_cast
from tests.factories.sessions import added_venue
from tests.fixtures.auth import AuthEmulator

MONDAY = datetime(2027, 3, 1, 10, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Scene:
    api: FrozenApi
    cast: OutreachCast
    group_id: str
    venue_id: str

    async def told(self, kind: NotificationKind) -> list[tuple[str, dict[str, str]]]:
        found = await self.api.db.notifications.find({"kind": kind.value}).sort("member_id", 1).to_list(None)
        return [(n["member_id"], n["params"]) for n in found]


@pytest.fixture
async def scene(settings: Settings, auth_emulator: AuthEmulator) -> AsyncIterator[Scene]:
    async with frozen_api(settings, MONDAY, isolated=True) as api:
        cast = await new_outreach_cast(api.gql, auth_emulator)
        group_id = await led_group(api.gql, cast)
        venue_id = await added_venue(api.gql, cast.lead, group_id, makeDefault=True)
        yield Scene(api, cast, group_id, venue_id)
