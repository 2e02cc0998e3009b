"""The monthly text budget holds however many workers race: one conditional `$inc` under the limit.
A helpline reply is counted past it; a text given back frees its place; the 80% warning is one caller's.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime

import pytest

from tests.fixtures.app import RunningApi

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)


@pytest.mark.engine_contract
async def test_of_twenty_texts_racing_for_five_places_exactly_five_go(api: RunningApi) -> None:
    budgets, organisation = api.runtime.repos.text_budgets, f"org-{uuid.uuid4()}"

    taken = await asyncio.gather(*[budgets.take(organisation, "2026-12", limit=5) for _ in range(20)])

    assert sorted(t for t in taken if t is not None) == [1, 2, 3, 4, 5]
    assert taken.count(None) == 15
    budget = await budgets.get(organisation, "2026-12")
    assert budget is not None
    assert budget.sent == 5


async def test_a_helpline_reply_is_counted_past_the_limit_and_a_refused_text_gives_its_place_back(
    api: RunningApi,
) -> None:
    budgets, organisation = api.runtime.repos.text_budgets, f"org-{uuid.uuid4()}"
    assert await budgets.take(organisation, "2026-12", limit=1) == 1
    assert await budgets.take(organisation, "2026-12", limit=1) is None
    assert await budgets.count(organisation, "2026-12") == 2  # never refused
    await budgets.give_back(organisation, "2026-12")
    await budgets.give_back(organisation, "2026-12")
    assert await budgets.take(organisation, "2026-12", limit=1) == 1
    assert await budgets.take(organisation, "2027-01", limit=1) == 1  # each month its own


@pytest.mark.engine_contract
async def test_the_80_percent_warning_is_recorded_by_one_caller_a_month(api: RunningApi) -> None:
    budgets, organisation = api.runtime.repos.text_budgets, f"org-{uuid.uuid4()}"
    await budgets.take(organisation, "2026-12", limit=5)

    marked = await asyncio.gather(*[budgets.mark_warned(organisation, "2026-12", now=NOW) for _ in range(10)])

    assert marked.count(True) == 1
