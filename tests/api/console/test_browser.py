"""The staff console in a real browser (Debian's chromium, driven by Playwright, headless): a
safeguarding officer signs in on the Auth emulator, takes and resolves an alert, approves another
officer's break-glass request as the second officer, and downloads the impact report; a lead decides a
join request and a report; staff grant a member's appeal and download the quarter's report. Each page is
checked with axe-core (no serious or critical WCAG 2.2 AA violation) and must break no CSP rule.

On failure the page's screenshot is saved under `.local/test-artefacts/console/` (CI keeps it);
with `CONSOLE_SCREENSHOTS=docs/console` each screen is saved there, for the README.
"""

from __future__ import annotations

import asyncio
import csv
import io
import os
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Browser, ConsoleMessage, Page, async_playwright

from infra.mongo.client import Database
from tests.factories.checkins import checked_in
from tests.factories.groups import asked_to_join, created_group, invite_code, joined
from tests.factories.members import TestMember as Person
from tests.factories.members import onboarded_member
from tests.factories.outreach import started
from tests.factories.shares import act, backdate_memberships, shared
from tests.fixtures.app import GraphQLClient, RunningApi
from tests.fixtures.auth import AuthEmulator

ROOT = Path(__file__).resolve().parents[3]
CHROMIUM = "/usr/bin/chromium"
AXE = ROOT / "infra" / "local" / "node_modules" / "axe-core" / "axe.min.js"
ARTEFACTS = ROOT / ".local" / "test-artefacts" / "console"
HIGH_RISK = "I want to kill myself"
AXE_RULES = "{runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}}"


@pytest.fixture(scope="module")
async def browser() -> AsyncIterator[Browser]:
    """One headless chromium for the module: the system's, never a downloaded one."""
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield launched
        await launched.close()


@dataclass
class Desk:
    """A page at the console, with the CSP breaches it reported and axe's verdict on each screen."""

    page: Page
    base_url: str
    csp_breaches: list[str] = field(default_factory=list)

    def listen(self) -> None:
        def on_console(message: ConsoleMessage) -> None:
            if "Content Security Policy" in message.text:
                self.csp_breaches.append(message.text)

        self.page.on("console", on_console)

    async def check(self, screen: str) -> None:
        """No serious accessibility violation on the screen as it is now, and no CSP breach so far."""
        await self.page.evaluate(AXE.read_text())
        results: dict[str, Any] = await self.page.evaluate(f"axe.run(document, {AXE_RULES})")
        serious = [(v["id"], v["help"], len(v["nodes"])) for v in results["violations"]
                   if v["impact"] in ("serious", "critical")]  # fmt: skip
        assert serious == [], (screen, serious)
        assert self.csp_breaches == [], (screen, self.csp_breaches)
        if folder := os.environ.get("CONSOLE_SCREENSHOTS"):
            await self.page.screenshot(path=str(ROOT / folder / f"{screen}.png"), full_page=True)


@dataclass(frozen=True)
class Scene:
    officer: Person  # signs in at the browser: the second officer
    requester: Person  # asked for the break-glass
    author: Person  # wrote the anonymous words
    share_id: str
    request_id: str
    lead: Person
    group_id: str
    admin: Person  # platform staff: the `admin` claim
    appeal_id: str  # a hidden share's notice, appealed by its author


@pytest.fixture(scope="module")
async def scene(gql: GraphQLClient, db: Database, auth_emulator: AuthEmulator) -> Scene:
    """A group of eleven established members, ten of whom checked in; one shares words of risk
    anonymously (an alert); one officer asks to know who wrote them; the second decides in the browser.
    """
    names = ("Lee", "Ash", "Rowan", "Sky", "Jo", "Ali", "Bea", "Cal", "Dev", "Eve", "Fin")
    people = [await onboarded_member(gql, auth_emulator, displayName=name, language="EN") for name in names]
    group_id = await created_group(gql, people[0])
    code = await invite_code(gql, people[0], group_id, maxUses=20)
    for person in people[1:]:
        await joined(gql, person, code=code)
    await backdate_memberships(db, group_id)
    for person in people[1:]:  # ten check-ins: enough people for the report to show its figures
        await checked_in(gql, person, mood=3)
    share = await shared(gql, people[3], group_id, HIGH_RISK)
    officers = [await onboarded_member(gql, auth_emulator, displayName=name, claims={"safeguarding": True})
                for name in ("Morgan", "Priya")]  # fmt: skip
    asked = await act(
        gql, "AuthorRevealRequest", officers[0].token, targetKind="SHARE", targetId=share["id"],
        reason="RISK_TO_LIFE", justification="Words suggesting a plan, posted tonight.",
    )  # fmt: skip
    assert asked["__typename"] == "AuthorRevealRequestSuccess", asked
    # And for the leads: a report waiting, someone asking to join, a member waiting for a reply
    grey = await shared(gql, people[2], group_id, "A grey one today.")
    reported = await act(gql, "ReportCreate", people[1].token, targetKind="SHARE", targetId=grey["id"],
                         groupId=group_id, reason="SPAM", note="")  # fmt: skip
    assert reported["__typename"] == "ReportCreateSuccess", reported
    newcomer = await onboarded_member(gql, auth_emulator, displayName="Dee", language="EN")
    await asked_to_join(gql, newcomer, people[0], group_id, message="I lost my dad in May.")
    await started(gql, people[4], group_id, body="Could we talk this week?")
    admin = await onboarded_member(gql, auth_emulator, displayName="Ada", claims={"admin": True})
    # And for staff: the lead hid a share, and its author appealed
    harsh = await shared(gql, people[5], group_id, "Nobody here ever listens.")
    hidden = await act(gql, "ContentModerate", people[0].token, targetKind="SHARE", targetId=harsh["id"],
                       action="HIDE", reason="Rule 2: be kind to each other")  # fmt: skip
    assert hidden["__typename"] == "ContentModerateSuccess", hidden
    notice = await db.moderation_notices.find_one({"target_id": harsh["id"]})
    assert notice is not None
    appealed = await act(gql, "ModerationAppeal", people[5].token, noticeId=notice["_id"], note="I was upset.")
    assert appealed["notice"]["appealStatus"] == "PENDING", appealed
    return Scene(
        officers[1], officers[0], people[3], share["id"], asked["request"]["id"], people[0], group_id, admin,
        notice["_id"],
    )  # fmt: skip


async def test_an_officer_signs_in_handles_an_alert_approves_a_break_glass_and_downloads_the_report(
    api: RunningApi, browser: Browser, scene: Scene, db: Database, request: pytest.FixtureRequest
) -> None:
    context = await browser.new_context(base_url=api.base_url, accept_downloads=True)
    desk = Desk(await context.new_page(), api.base_url)
    desk.listen()
    try:
        await _story(desk, scene)
    except BaseException:
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        await desk.page.screenshot(path=str(ARTEFACTS / f"{request.node.name}.png"), full_page=True)
        raise
    finally:
        await context.close()
    # Then the store says what the page said: resolved by the officer, approved by them, each step audited
    alert = await db.safeguarding_alerts.find_one({"source_id": scene.share_id})
    assert alert is not None
    assert (alert["status"], alert["acknowledged_by"], alert["resolved_by"]) == (
        "resolved", scene.officer.id, scene.officer.id)  # fmt: skip
    assert alert["resolution_note"] == "Called the duty line; a welfare check is arranged."
    reveal = await db.author_reveal_requests.find_one({"_id": scene.request_id})
    assert reveal is not None
    assert (reveal["status"], reveal["approved_by"]) == ("approved", scene.officer.id)
    mine = db.console_actions.find({"actor_member_id": scene.officer.id}).sort("at", 1)
    actions = [(a["action"], a["outcome"]) async for a in mine]
    assert actions == [("alert_acknowledge", "done"), ("alert_resolve", "done"), ("author_reveal_approve", "done")]


async def _signed_in(desk: Desk, person: Person, *, check: bool) -> None:
    """Sign in at the page, with the keyboard alone."""
    page = desk.page
    await page.get_by_label("Email").fill(person.user.email)
    await page.get_by_label("Password").fill(person.user.password)
    await page.keyboard.press("Enter")
    await page.wait_for_url("**/console/")
    if check:
        await desk.check("home")


async def _story(desk: Desk, scene: Scene) -> None:
    page = desk.page
    # Given the officer opens the safeguarding screen, they are asked to sign in first
    await page.goto("/console/safeguarding")
    assert page.url.endswith("/console/sign-in?reason=missing")
    await desk.check("sign-in")
    # When they sign in with their email and password
    await _signed_in(desk, scene.officer, check=True)

    # Then the queue shows the anonymous alert, waiting, with its words and no author
    await page.locator("main").get_by_role("link", name="Safeguarding").click()
    await page.wait_for_url("**/console/safeguarding")
    row = page.locator("tr", has_text=HIGH_RISK)
    await row.get_by_text("(anonymous)").wait_for()
    assert scene.author.user.email not in await page.content()
    await desk.check("safeguarding")

    # When they take it, then resolve it saying what was done (typed, then Tab and Enter)
    await row.get_by_role("button", name="Take").click()
    await page.get_by_role("status").filter(has_text="The alert is yours.").wait_for()
    row = page.locator("tr", has_text=HIGH_RISK)
    assert "Taken by you" in await row.inner_text()
    await row.get_by_label("What was done").fill("Called the duty line; a welfare check is arranged.")
    await page.keyboard.press("Tab")
    await page.keyboard.press("Enter")
    await page.get_by_role("status").filter(has_text="The alert is resolved.").wait_for()
    assert await page.locator("tr", has_text=HIGH_RISK).count() == 0

    # And they approve the other officer's break-glass request: the author is shown to them alone
    requests = page.locator("section", has=page.get_by_role("heading", name=re.compile("Break-glass")))
    await requests.get_by_role("button", name="Approve and reveal").click()
    await page.get_by_role("heading", name="Break-glass approved").wait_for()
    assert "Sky" in await page.locator("main").inner_text()
    assert scene.author.id in await page.locator("main").inner_text()
    await desk.check("break-glass-approved")

    # And the impact report's CSV holds the figures the page shows
    await page.goto("/console/reports")
    await desk.check("impact-report")
    shown = await page.locator("#figures tbody tr").all_inner_texts()
    async with page.expect_download() as download_info:
        await page.get_by_role("link", name="Download these figures (CSV)").click()
    download = await download_info.value
    rows = list(csv.reader(io.StringIO(await asyncio.to_thread(Path(await download.path()).read_text))))
    period = rows[1][0]
    in_file = [f"{figure}\t{value}" for row_period, _, figure, value in rows[1:] if row_period == period]
    assert in_file == shown


async def test_a_lead_decides_a_join_request_and_a_report_and_staff_grant_an_appeal_and_download_the_quarter(
    api: RunningApi, browser: Browser, scene: Scene, db: Database, request: pytest.FixtureRequest
) -> None:
    for person, story in ((scene.lead, _lead_story), (scene.admin, _staff_story)):
        context = await browser.new_context(base_url=api.base_url)
        desk = Desk(await context.new_page(), api.base_url)
        desk.listen()
        try:
            await desk.page.goto("/console/sign-in")
            await _signed_in(desk, person, check=False)
            await story(desk, scene)
        except BaseException:
            ARTEFACTS.mkdir(parents=True, exist_ok=True)
            await desk.page.screenshot(path=str(ARTEFACTS / f"{request.node.name}.png"), full_page=True)
            raise
        finally:
            await context.close()
    decided = await db.join_requests.find_one({"group_id": scene.group_id})
    assert decided is not None
    assert (decided["status"], decided["decided_by"]) == ("approved", scene.lead.id)
    appeal = await db.moderation_notices.find_one({"_id": scene.appeal_id})
    assert appeal is not None
    assert (appeal["appeal_status"], appeal["decided_by"]) == ("granted", scene.admin.id)


async def _lead_story(desk: Desk, scene: Scene) -> None:
    page = desk.page
    # Given the lead's groups: Dee asks to join, Jo waits for a reply
    await page.goto("/console/lead")
    await page.get_by_text("I lost my dad in May.").wait_for()
    assert "Jo: waiting" in await page.locator("main").inner_text()
    await desk.check("lead")
    # When they approve Dee
    await page.locator("tr", has_text="Dee").get_by_role("button", name="Approve").click()
    await page.get_by_role("status").filter(has_text="Your decision is sent.").wait_for()
    # And dismiss the report waiting in the moderation queue
    await page.goto("/console/moderation")
    row = page.locator("tr", has_text="A grey one today.")
    await desk.check("moderation")
    await row.get_by_label("Reason to dismiss").fill("Not spam: a member sharing a hard day.")
    await row.get_by_role("button", name="Dismiss").click()
    await page.get_by_role("status").filter(has_text="The report is dismissed.").wait_for()
    assert "reports dismiss" in await page.locator("main").inner_text()  # the log has it


async def _staff_story(desk: Desk, scene: Scene) -> None:
    """Platform staff: an appeal granted, the quarter's report with its charts, then the groups and the audit."""
    page = desk.page
    await page.goto(f"/console/appeals?group={scene.group_id}")
    await page.get_by_text("I was upset.").wait_for()
    await desk.check("appeals")
    await page.get_by_label("A note the member will read").fill("Fair: it is back, and thank you for explaining.")
    await page.get_by_role("button", name="Grant (undo the action)").click()
    await page.get_by_role("status").filter(has_text="The appeal is decided").wait_for()
    await page.get_by_role("link", name="Impact report").first.click()
    await page.wait_for_url("**/console/reports")
    await page.get_by_label("Month or quarter").fill(_this_quarter())
    await page.get_by_role("button", name="Show the report").click()
    await page.wait_for_url("**/console/reports?period=*")
    charts = page.locator("figure.chart img")
    assert await charts.count() == 2
    for index in range(2):
        await charts.nth(index).scroll_into_view_if_needed()
        assert await charts.nth(index).evaluate("img => img.complete && img.naturalWidth > 0")
    async with page.expect_download() as download_info:
        await page.get_by_role("link", name="Download these figures (CSV)").click()
    assert (await download_info.value).suggested_filename == f"impact-{_this_quarter()}.csv"
    await page.goto("/console/groups")
    await desk.check("groups")
    await page.goto("/console/audit")
    text = await page.locator("main").inner_text()
    assert "join request decide" in text
    assert "report dismiss" in text
    await desk.check("audit")


def _this_quarter() -> str:
    now = datetime.now(UTC)
    return f"{now.year}-Q{(now.month - 1) // 3 + 1}"
