"""difficultDateAdd, difficultDateRemove and myDifficultDates: the member's own hard days.
Bad input writes nothing; another member's date is NOT_FOUND like a made-up id.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest

from infra.settings import Settings
from tests.factories.frozen import FrozenApi, frozen_api
from tests.factories.members import TestMember as Person
from tests.factories.members import onboarded_member
from tests.factories.noticing import added_date, difficult_date_add, noticing_operation
from tests.fixtures.auth import AuthEmulator

NOW = datetime(2027, 3, 20, 12, 0, tzinfo=UTC)  # a Saturday in London (GMT)


@pytest.fixture(scope="module")
async def frozen(settings: Settings) -> AsyncIterator[FrozenApi]:
    async with frozen_api(settings, NOW) as api:
        yield api


async def _member(frozen: FrozenApi, auth_emulator: AuthEmulator) -> Person:
    return await onboarded_member(frozen.gql, auth_emulator, timezone="Europe/London")


async def _stored(frozen: FrozenApi, member: Person) -> list[dict[str, Any]]:
    return await frozen.db.difficult_dates.find({"member_id": member.id}).sort("slot").to_list(None)


async def _list(frozen: FrozenApi, member: Person, **variables: Any) -> dict[str, Any]:
    body = await frozen.gql(noticing_operation("MyDifficultDates"), variables, token=member.token)
    page: dict[str, Any] = body["data"]["myDifficultDates"]
    return page


async def test_a_member_adds_a_shared_date_and_reads_it_back(frozen: FrozenApi, auth_emulator: AuthEmulator) -> None:
    member = await _member(frozen, auth_emulator)

    result = await difficult_date_add(
        frozen.gql, member, label="  Dad's \n anniversary ", month=3, day=28, shareWithLeads=True
    )

    expected = {
        "id": result["difficultDate"]["id"], "label": "Dad's anniversary", "month": 3, "day": 28, "year": None,
        "shareWithLeads": True, "nextCheckInOn": "2027-03-28", "createdAt": NOW.isoformat(),
    }  # fmt: skip
    assert result == {"__typename": "DifficultDateAddSuccess", "difficultDate": expected}
    assert (await _list(frozen, member))["nodes"] == [expected]
    [stored] = await _stored(frozen, member)
    assert stored == {
        "_id": expected["id"], "member_id": member.id, "slot": 0, "label": "Dad's anniversary", "month": 3,
        "day": 28, "year": None, "month_day": "03-28", "share_with_leads": True, "created_at": NOW,
        # 09:00 on the day, London summer time (the clocks go forward that morning).
        "check_in_on": "2027-03-28", "next_check_in_at": datetime(2027, 3, 28, 8, 0, tzinfo=UTC),
        # The earliest any lead anywhere could be told: 18:00 the day before in UTC+14.
        "heads_up_on": "2027-03-28", "next_heads_up_at": datetime(2027, 3, 27, 4, 0, tzinfo=UTC),
    }  # fmt: skip


async def test_a_date_not_shared_holds_nothing_for_leads(frozen: FrozenApi, auth_emulator: AuthEmulator) -> None:
    member = await _member(frozen, auth_emulator)

    await added_date(frozen.gql, member)

    [stored] = await _stored(frozen, member)
    assert (stored["share_with_leads"], stored["heads_up_on"], stored["next_heads_up_at"]) == (False, None, None)


@pytest.mark.parametrize(
    ("values", "next_on"),
    [
        pytest.param({"month": 2, "day": 29}, "2028-02-29", id="leap-day-next-in-a-leap-year"),
        pytest.param({"month": 3, "day": 20}, "2028-03-20", id="today-after-0900-is-next-year"),
        pytest.param({"month": 12, "day": 25, "year": 2027}, "2027-12-25", id="once-this-year"),
        pytest.param({"month": 3, "day": 20, "year": 2027}, None, id="once-today-after-0900"),
    ],
)
async def test_the_next_check_in_day(
    frozen: FrozenApi, auth_emulator: AuthEmulator, values: dict[str, Any], next_on: str | None
) -> None:
    member = await _member(frozen, auth_emulator)
    result = await difficult_date_add(frozen.gql, member, label="A hard day", **values)
    assert result["difficultDate"]["nextCheckInOn"] == next_on


@pytest.mark.parametrize(
    ("values", "errors"),
    [
        pytest.param({"label": ""}, [("label", "LABEL_LENGTH")], id="empty-label"),
        pytest.param({"label": " \t\n "}, [("label", "LABEL_LENGTH")], id="blank-label"),
        pytest.param({"label": "x" * 61}, [("label", "LABEL_LENGTH")], id="label-61"),
        pytest.param({"month": 13}, [("month", "MONTH_INVALID")], id="month-13"),
        pytest.param({"month": 0}, [("month", "MONTH_INVALID")], id="month-0"),
        pytest.param({"month": 4, "day": 31}, [("day", "DAY_INVALID")], id="31-april"),
        pytest.param({"day": 0}, [("day", "DAY_INVALID")], id="day-0"),
        pytest.param({"month": 2, "day": 29, "year": 2027}, [("day", "DAY_INVALID")], id="29-feb-2027"),
        pytest.param({"year": 2026}, [("year", "YEAR_PAST")], id="last-year"),
        pytest.param({"month": 3, "day": 19, "year": 2027}, [("year", "YEAR_PAST")], id="yesterday"),
        pytest.param({"year": 2038}, [("year", "YEAR_TOO_FAR")], id="11-years-ahead"),
        pytest.param({"year": -5}, [("year", "YEAR_PAST")], id="negative-year"),
        pytest.param({"label": "", "month": 13}, [("label", "LABEL_LENGTH"), ("month", "MONTH_INVALID")], id="two"),
    ],
)
async def test_each_invalid_date_returns_its_code_and_writes_nothing(
    frozen: FrozenApi, auth_emulator: AuthEmulator, values: dict[str, Any], errors: list[tuple[str, str]]
) -> None:
    member = await _member(frozen, auth_emulator)

    result = await difficult_date_add(frozen.gql, member, **({"label": "Mum", "month": 3, "day": 28} | values))

    assert (result["__typename"], result["code"]) == ("DifficultDateAddError", errors[0][1])
    assert [(e["field"], e["code"]) for e in result["fieldErrors"]] == errors
    assert await _stored(frozen, member) == []


async def test_twenty_dates_is_the_most_and_a_removed_one_frees_its_place(
    frozen: FrozenApi, auth_emulator: AuthEmulator
) -> None:
    member = await _member(frozen, auth_emulator)
    ids = [await added_date(frozen.gql, member, label=f"Day {n}", day=n + 1) for n in range(20)]

    refused = await difficult_date_add(frozen.gql, member, label="One more", month=5, day=1)
    stored_after_refusal = len(await _stored(frozen, member))
    removed = await frozen.gql(noticing_operation("DifficultDateRemove"), {"input": {"id": ids[7]}}, token=member.token)
    again = await difficult_date_add(frozen.gql, member, label="One more", month=5, day=1)

    assert (refused["__typename"], refused["code"], refused["fieldErrors"]) == ("DifficultDateAddError", "TOO_MANY", [])
    assert stored_after_refusal == 20
    assert removed["data"]["difficultDateRemove"] == {"__typename": "DifficultDateRemoveSuccess", "removedId": ids[7]}
    assert again["__typename"] == "DifficultDateAddSuccess"
    assert sorted(d["slot"] for d in await _stored(frozen, member)) == list(range(20))


async def test_two_adds_racing_for_the_last_place_let_exactly_one_in(
    frozen: FrozenApi, auth_emulator: AuthEmulator
) -> None:
    member = await _member(frozen, auth_emulator)
    for n in range(19):
        await added_date(frozen.gql, member, label=f"Day {n}", day=n + 1)

    results = await asyncio.gather(
        *(difficult_date_add(frozen.gql, member, label=f"Racer {n}", month=6, day=1) for n in range(2))
    )

    assert sorted(r["__typename"] for r in results) == ["DifficultDateAddError", "DifficultDateAddSuccess"]
    assert len(await _stored(frozen, member)) == 20


async def test_another_members_date_is_not_found_like_a_made_up_one_and_stays(
    frozen: FrozenApi, auth_emulator: AuthEmulator
) -> None:
    owner, other = await _member(frozen, auth_emulator), await _member(frozen, auth_emulator)
    date_id = await added_date(frozen.gql, owner)
    remove = noticing_operation("DifficultDateRemove")

    theirs = await frozen.gql(remove, {"input": {"id": date_id}}, token=other.token)
    made_up = await frozen.gql(remove, {"input": {"id": str(uuid.uuid4())}}, token=other.token)
    listed = await _list(frozen, other)

    assert theirs["data"] == made_up["data"]
    assert theirs["data"]["difficultDateRemove"]["code"] == "NOT_FOUND"
    assert theirs["data"]["difficultDateRemove"]["message"] == made_up["data"]["difficultDateRemove"]["message"]
    assert listed["nodes"] == []
    assert [d["_id"] for d in await _stored(frozen, owner)] == [date_id]


async def test_removing_twice_is_not_found_the_second_time(frozen: FrozenApi, auth_emulator: AuthEmulator) -> None:
    member = await _member(frozen, auth_emulator)
    date_id = await added_date(frozen.gql, member)
    remove = noticing_operation("DifficultDateRemove")

    first = await frozen.gql(remove, {"input": {"id": date_id}}, token=member.token)
    second = await frozen.gql(remove, {"input": {"id": date_id}}, token=member.token)

    assert first["data"]["difficultDateRemove"]["__typename"] == "DifficultDateRemoveSuccess"
    assert second["data"]["difficultDateRemove"]["code"] == "NOT_FOUND"
    assert await _stored(frozen, member) == []


async def test_the_list_runs_through_the_year_in_pages(frozen: FrozenApi, auth_emulator: AuthEmulator) -> None:
    member = await _member(frozen, auth_emulator)
    for label, month, day in [("Autumn", 10, 2), ("New year", 1, 1), ("Spring", 4, 15)]:
        await added_date(frozen.gql, member, label=label, month=month, day=day)

    first = await _list(frozen, member, first=2)
    rest = await _list(frozen, member, first=2, after=first["pageInfo"]["endCursor"])

    assert [n["label"] for n in first["nodes"]] == ["New year", "Spring"]
    assert first["pageInfo"]["hasNextPage"] is True
    assert ([n["label"] for n in rest["nodes"]], rest["pageInfo"]["hasNextPage"]) == (["Autumn"], False)


@pytest.mark.parametrize(
    ("name", "variables"),
    [
        ("MyDifficultDates", {}),
        ("DifficultDateAdd", {"input": {"label": "Mum", "month": 3, "day": 28}}),
        ("DifficultDateRemove", {"input": {"id": "x"}}),
    ],
)
async def test_signed_out_callers_are_refused_and_nothing_is_written(
    frozen: FrozenApi, name: str, variables: dict[str, Any]
) -> None:
    before = await frozen.db.difficult_dates.count_documents({})

    body = await frozen.gql(noticing_operation(name), variables)

    assert body["data"] is None
    assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"]
    assert await frozen.db.difficult_dates.count_documents({}) == before
