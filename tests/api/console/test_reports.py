"""The impact report over the real API: exact figures for the platform and for sets of groups, each
suppressed below 10 people, the CSV equal to the page, the SVG charts, and who may read it.

The API runs on a clock the test moves, over a database of its own: 23 members in November 2026
(group A: a lead and 11 more; group B: a lead and 8 more; a safeguarding officer; an admin). Ten of group
A check in with words of risk (ten alerts, ten follow-ups), all nine of group B check in; two hours
later the officer takes every alert in the console.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from html import unescape

import pytest

from infra.settings import Settings
from tests.factories.checkins import checked_in
from tests.factories.console import ConsoleClient, opened, sign_in
from tests.factories.frozen import FrozenApi, frozen_api
from tests.factories.groups import created_group, invite_code, joined
from tests.factories.members import TestMember as Person
from tests.factories.members import onboarded_member
from tests.fixtures.auth import AuthEmulator
from tests.support.time import utc

HIGH_RISK = "I want to kill myself"
FEWER = "fewer than 10"
LABELS = [
    "Members", "Members who checked in", "Check-in participation", "Groups with check-ins",
    "Shown high-risk support", "Followed up after high-risk support", "Alerts acknowledged",
    "Median time to acknowledge an alert",
]  # fmt: skip


@dataclass(frozen=True)
class World:
    api: FrozenApi
    officer: ConsoleClient
    admin: ConsoleClient
    member: ConsoleClient
    group_a: str
    group_b: str


async def _group(api: FrozenApi, auth_emulator: AuthEmulator, size: int, name: str) -> tuple[str, list[Person]]:
    people = [await onboarded_member(api.gql, auth_emulator, displayName=f"{name}{i}") for i in range(size)]
    group_id = await created_group(api.gql, people[0])
    code = await invite_code(api.gql, people[0], group_id, maxUses=20)
    for person in people[1:]:
        await joined(api.gql, person, code=code)
    return group_id, people


@pytest.fixture(scope="module")
async def world(settings: Settings, auth_emulator: AuthEmulator) -> AsyncIterator[World]:
    async with frozen_api(settings, utc(2026, 11, 10, 9), isolated=True) as api:
        group_a, people_a = await _group(api, auth_emulator, 12, "A")
        group_b, people_b = await _group(api, auth_emulator, 9, "B")
        officer = await onboarded_member(api.gql, auth_emulator, displayName="Officer", claims={"safeguarding": True})
        for person in people_a[:10]:
            await checked_in(api.gql, person, mood=1, note=HIGH_RISK, visibility="GROUP", groupId=group_a)
        for person in people_b:
            await checked_in(api.gql, person, mood=3, visibility="GROUP", groupId=group_b)
        api.clock.advance(timedelta(hours=2))
        clients = [await opened(api.client()) for _ in range(3)]
        await sign_in(clients[0], auth_emulator, officer.user)
        admin = await onboarded_member(api.gql, auth_emulator, displayName="Admin", claims={"admin": True})
        await sign_in(clients[1], auth_emulator, admin.user)
        await sign_in(clients[2], auth_emulator, people_a[1].user)
        async for alert in api.db.safeguarding_alerts.find({}):
            taken = await clients[0].post(f"/console/safeguarding/alerts/{alert['_id']}/acknowledge")
            assert taken.status_code == 303, taken.text
        yield World(api, clients[0], clients[1], clients[2], group_a, group_b)


def page_figures(html: str, table: str) -> list[list[str]]:
    """A table of the page as rows of cell texts (its header row first)."""
    found = re.search(rf'<table class="figures" id="{table}">(.*?)</table>', html, re.S)
    assert found is not None
    rows = re.findall(r"<tr>(.*?)</tr>", found.group(1), re.S)
    return [[unescape(cell.strip()) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)] for row in rows]


async def figures(client: ConsoleClient, **params: str) -> dict[str, str]:
    response = await client.get("/console/reports", **params)
    assert response.status_code == 200, response.text
    return dict(page_figures(response.text, "figures")[1:])


async def test_the_platform_report_counts_everyone_and_suppresses_what_is_about_fewer_than_ten(world: World) -> None:
    assert await figures(world.admin, period="2026-11") == {
        "Members": "23", "Members who checked in": "19", "Check-in participation": "82.6%",
        "Groups with check-ins": "2", "Shown high-risk support": "10",
        "Followed up after high-risk support": FEWER,  # none asked yet: 0 of 10
        "Alerts acknowledged": "10", "Median time to acknowledge an alert": "2.0 hours",
    }  # fmt: skip


async def test_a_set_of_groups_counts_their_members_only(world: World) -> None:
    assert await figures(world.admin, period="2026-Q4", groups=world.group_a) == {
        "Members": "12", "Members who checked in": "10", "Check-in participation": "83.3%",
        "Groups with check-ins": "1", "Shown high-risk support": "10", "Followed up after high-risk support": FEWER,
        "Alerts acknowledged": "10", "Median time to acknowledge an alert": "2.0 hours",
    }  # fmt: skip
    both = await figures(world.admin, period="2026-11", groups=f"{world.group_b},{world.group_a}")
    assert [both[label] for label in LABELS[:4]] == ["21", "19", "90.5%", "2"]


async def test_every_figure_about_a_group_of_nine_is_suppressed(world: World) -> None:
    assert await figures(world.officer, period="2026-11", groups=world.group_b) == dict.fromkeys(LABELS, FEWER)


async def test_the_csv_holds_exactly_the_page_s_figures_and_months(world: World) -> None:
    params = {"period": "2026-Q4", "groups": world.group_a}
    page = (await world.admin.get("/console/reports", **params)).text
    download = await world.admin.get("/console/reports/report.csv", **params)
    assert download.headers["content-type"] == "text/csv; charset=utf-8"
    assert download.headers["content-disposition"] == 'attachment; filename="impact-2026-Q4.csv"'
    rows = list(csv.reader(io.StringIO(download.text)))
    assert rows[0] == ["period", "scope", "figure", "value"]
    assert {row[1] for row in rows[1:]} == {world.group_a}
    whole = page_figures(page, "figures")[1:]
    months = page_figures(page, "months")
    by_month = [[header, *[(row[0], row[i]) for row in months[1:]]] for i, header in enumerate(months[0]) if i]
    from_page = [[period, label, value] for period, rows_ in [("2026-Q4", whole), *[(m[0], m[1:]) for m in by_month]]
                 for label, value in rows_]  # fmt: skip
    assert [row[:1] + row[2:] for row in rows[1:]] == from_page
    assert [m[0] for m in by_month] == ["2026-10", "2026-11", "2026-12"]
    assert len(rows) == 1 + 4 * len(LABELS)


async def test_the_charts_are_svg_images_with_the_page_s_monthly_figures(world: World) -> None:
    chart = await world.admin.get("/console/reports/chart/active.svg", period="2026-Q4", groups=world.group_a)
    assert chart.status_code == 200
    assert chart.headers["content-type"] == "image/svg+xml"
    assert chart.headers["content-security-policy"] == "default-src 'none'; style-src 'unsafe-inline'"
    svg = chart.text
    assert svg.lstrip().startswith("<?xml")
    assert "<script" not in svg
    assert "Members who checked in" in svg
    assert svg.count(FEWER) == 2  # October and December
    assert ">10<" in svg  # November
    assert (await world.admin.get("/console/reports/chart/other.svg")).status_code == 404


async def test_a_period_in_another_shape_is_refused_with_a_message(world: World) -> None:
    page = await world.admin.get("/console/reports", period="2026-13")
    csv_ = await world.admin.get("/console/reports/report.csv", period="Q4")
    assert (page.status_code, csv_.status_code) == (422, 422)
    assert "Give a month (2026-11) or a quarter (2026-Q4)." in page.text
    assert csv_.text == "Give a month (2026-11) or a quarter (2026-Q4)."


async def test_a_member_who_is_not_staff_reads_no_report(world: World) -> None:
    for path in ("/console/reports", "/console/reports/report.csv", "/console/reports/chart/active.svg"):
        refused = await world.member.get(path, period="2026-11")
        assert refused.status_code == 403
        assert "This is for staff only." in refused.text
