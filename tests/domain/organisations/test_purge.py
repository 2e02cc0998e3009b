"""A deleted member leaves organisations too: their roles and shifts go, and the pages that reached
them keep only their deletion's tombstone id.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from domain.accounts import purge_due
from domain.shares import AnonymityKey
from infra.settings import Settings
from schemas.documents.base import new_id
from schemas.documents.safeguarding_pages import EmailStatus, SafeguardingPageDocument
from tests.factories.accounts import run_app
from tests.factories.frozen import FrozenApi, frozen_api
from tests.factories.members import onboarded_member
from tests.factories.organisations import created_organisation, granted
from tests.factories.shares import act
from tests.fixtures.auth import AuthEmulator

NOW = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture
async def api(settings: Settings) -> AsyncIterator[FrozenApi]:
    async with frozen_api(settings, NOW, isolated=True) as frozen:
        yield frozen


async def test_a_purged_member_holds_no_role_or_shift_and_is_a_tombstone_in_the_pages(
    api: FrozenApi, auth_emulator: AuthEmulator, settings: Settings
) -> None:
    admin = await onboarded_member(api.gql, auth_emulator, claims={"admin": True})
    org_admin = await onboarded_member(api.gql, auth_emulator)
    leaving = await onboarded_member(api.gql, auth_emulator, displayName="Leaving")
    organisation_id = await created_organisation(api.gql, admin, org_admin)
    await granted(api.gql, org_admin, organisation_id, leaving, "ORG_SAFEGUARDING")
    shift = await act(
        api.gql, "RotaShiftAdd", org_admin.token, organisationId=organisation_id, memberId=leaving.id,
        startsAt=NOW.isoformat(), endsAt=(NOW + timedelta(hours=8)).isoformat(),
    )  # fmt: skip
    assert shift["__typename"] == "RotaShiftAddSuccess", shift
    alert_id = new_id()
    await api.runtime.repos.safeguarding_pages.record(
        SafeguardingPageDocument(
            id=new_id(), dedupe_key=f"{alert_id}:0", alert_id=alert_id, organisation_id=organisation_id, step=0,
            to_platform=False, member_ids=(leaving.id,), emails=("duty@example.org",), paged_at=NOW,
            email_status=EmailStatus.SENT,
        )
    )  # fmt: skip
    await api.runtime.repos.safeguarding_pages.acknowledged(alert_id, by=leaving.id, now=NOW)
    deleted = await run_app(api.gql, "AccountDelete", leaving.token, input={"confirm": "Leaving"})
    assert deleted["__typename"] == "AccountDeleteSuccess", deleted

    purged = await purge_due(
        repos=api.runtime.repos, accounts=api.runtime.accounts,
        key=AnonymityKey.of(settings.anonymity_key.get_secret_value()), now=NOW + timedelta(days=22),
        spread=timedelta(days=30),
    )  # fmt: skip

    assert purged == 1
    assert await api.db.org_roles.count_documents({"member_id": leaving.id}) == 0
    assert await api.db.rota_shifts.count_documents({"member_id": leaving.id}) == 0
    page = await api.db.safeguarding_pages.find_one({"alert_id": alert_id})
    assert page is not None
    assert leaving.id not in str(page)
    assert page["member_ids"] == [page["acknowledged_by"]]  # both now the deletion's tombstone id
