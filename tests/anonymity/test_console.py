"""The anonymity oracle (ANON-15) over the staff console: a lead moderating anonymous words and a
safeguarding officer handling the alert they raised are shown nothing of who wrote them, on any
screen, in the audit, in the report or its CSV, nor in any log line; only an approved break-glass
request tells the approving officer, on that one page. The same holds for a hosting charity's
safeguarding officer, on the screens its role opens.
"""

from __future__ import annotations

import logging

import pytest

from infra.settings import Settings
from tests.anonymity.conftest import Recorder, Scene, leaks, record_text, secrets_of
from tests.factories.console import ConsoleClient, console_client, sign_in
from tests.factories.members import onboarded_member
from tests.factories.organisations import granted, hosted, staffed_organisation
from tests.factories.shares import act
from tests.fixtures.app import GraphQLClient, RunningApi
from tests.fixtures.auth import AuthEmulator

HIGH = "I want to kill myself"
SCREENS = ("/console/", "/console/lead", "/console/moderation", "/console/safeguarding", "/console/groups",
           "/console/audit", "/console/reports", "/console/reports/report.csv")  # fmt: skip


async def _seen(client: ConsoleClient, shown: list[str]) -> None:
    for path in SCREENS:
        response = await client.get(path)
        if response.status_code == 200:
            shown.append(response.text)


async def test_the_console_shows_no_one_who_wrote_anonymous_words(
    gql: GraphQLClient, api: RunningApi, auth_emulator: AuthEmulator, settings: Settings, scene: Scene,
    caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    for logger in ("api", "domain", "infra"):
        caplog.set_level(logging.DEBUG, logger=logger)
    rec = Recorder(gql)
    # Given the author shares twice without their name, once in words of risk, and the member reports the first
    grey = (await rec.act(scene.author, "ShareCreate", groupId=scene.group_id, body="A grey one today."))["share"]
    await rec.act(scene.author, "ShareCreate", groupId=scene.group_id, body=HIGH)
    reported = await rec.act(scene.member, "ReportCreate", targetKind="SHARE", targetId=grey["id"],
                             groupId=scene.group_id, reason="SPAM", note="")  # fmt: skip
    assert reported["__typename"] == "ReportCreateSuccess", reported
    officer = await onboarded_member(gql, auth_emulator, displayName="Officer", claims={"safeguarding": True})
    shown: list[str] = []
    async with console_client(api.base_url) as lead, console_client(api.base_url) as staff:
        await sign_in(lead, auth_emulator, scene.lead.person.user)
        await sign_in(staff, auth_emulator, officer.user)
        # When the lead reads every screen, hides the share, and reads them again
        await _seen(lead, shown)
        hidden = await lead.post(f"/console/moderation/content/share/{grey['id']}/hide", {"reason": "Checking it."})
        assert hidden.headers["location"] == "/console/moderation?notice=content_moderate"
        await _seen(lead, shown)
        # And the officer reads every screen, takes the alert, and reads them again
        await _seen(staff, shown)
        alert = await api.runtime.db.safeguarding_alerts.find_one({"member_id": None})
        assert alert is not None
        taken = await staff.post(f"/console/safeguarding/alerts/{alert['_id']}/acknowledge")
        assert taken.headers["location"] == "/console/safeguarding?notice=alert_acknowledge"
        await _seen(staff, shown)
    # Then nothing any of them was shown, and no log line, holds the author's identity or keys
    # (twice each: the lead's home, groups and moderation; the officer's home, safeguarding, groups, audit, report, CSV)
    assert len(shown) == 2 * 3 + 2 * 6
    assert HIGH in "".join(shown)  # the officer read the words
    assert leaks(shown, secrets_of(settings, scene.author)) == []
    assert leaks([record_text(r) for r in caplog.records], secrets_of(settings, scene.author)) == []


async def test_an_organisation_s_officer_is_shown_no_author_either(
    gql: GraphQLClient, api: RunningApi, auth_emulator: AuthEmulator, settings: Settings, scene: Scene,
    caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    for logger in ("api", "domain", "infra"):
        caplog.set_level(logging.DEBUG, logger=logger)
    # Given a charity hosts the group, and one of its officers asks who wrote words of risk
    admin = await onboarded_member(gql, auth_emulator, displayName="Admin", claims={"admin": True})
    host = await staffed_organisation(gql, auth_emulator, admin, "Riverside Mind")
    asker = await onboarded_member(gql, auth_emulator, displayName="Asker")
    await granted(gql, host.admin, host.id, asker, "ORG_SAFEGUARDING")
    await hosted(gql, admin, scene.group_id, host.id)
    crisis = (await Recorder(gql).act(scene.author, "ShareCreate", groupId=scene.group_id, body=HIGH))["share"]
    asked = await act(
        gql, "AuthorRevealRequest", asker.token, targetKind="SHARE", targetId=crisis["id"], reason="RISK_TO_LIFE",
        justification="Words of risk posted tonight.",
    )  # fmt: skip
    assert asked["__typename"] == "AuthorRevealRequestSuccess", asked
    shown: list[str] = []
    async with console_client(api.base_url) as officer:
        # When its other officer reads every screen, takes the alert, and reads them again
        await sign_in(officer, auth_emulator, host.safeguarding.user)
        await _seen(officer, shown)
        alert = await api.runtime.db.safeguarding_alerts.find_one({"source_id": crisis["id"]})
        assert alert is not None
        taken = await officer.post(f"/console/safeguarding/alerts/{alert['_id']}/acknowledge")
        assert taken.headers["location"] == "/console/safeguarding?notice=alert_acknowledge"
        await _seen(officer, shown)
    # Then they read the words and the request (home and safeguarding, twice), and nothing of who wrote them
    assert len(shown) == 2 * 2
    assert "Words of risk posted tonight." in "".join(shown)
    assert leaks(shown, secrets_of(settings, scene.author)) == []
    assert leaks([record_text(r) for r in caplog.records], secrets_of(settings, scene.author)) == []
