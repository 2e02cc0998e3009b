"""Exclusion from unique keys: one claim per number, at most `cap` places a day, however many race."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

from tests.fixtures.app import RunningApi

NOW = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
LEASE = NOW + timedelta(minutes=2)


async def test_of_ten_workers_racing_for_a_notification_exactly_one_gets_the_claim(api: RunningApi) -> None:
    claims = api.runtime.repos.push_claims
    notification_id = str(uuid.uuid4())

    taken = await asyncio.gather(
        *[claims.take(notification_id, claim=f"worker-{i}", now=NOW, until=LEASE) for i in range(10)]
    )

    winners = [t for t in taken if t is not None]
    assert [(w.number, w.until) for w in winners] == [(1, LEASE)]


async def test_a_live_claim_blocks_and_a_released_or_lapsed_one_lets_the_next_number_go(api: RunningApi) -> None:
    claims = api.runtime.repos.push_claims
    notification_id = str(uuid.uuid4())
    first = await claims.take(notification_id, claim="a", now=NOW, until=LEASE)
    assert first is not None

    assert await claims.take(notification_id, claim="b", now=NOW + timedelta(minutes=1), until=LEASE) is None
    await claims.release(first, now=NOW + timedelta(seconds=5))
    second = await claims.take(notification_id, claim="c", now=NOW + timedelta(seconds=6), until=LEASE)
    assert second is not None
    assert second.number == 2
    # Never released (its worker died): the claim lapses at `until`
    third = await claims.take(notification_id, claim="d", now=LEASE, until=LEASE + timedelta(minutes=2))
    assert third is not None
    assert third.number == 3


async def test_the_daily_cap_holds_when_ten_notifications_race_for_three_places(api: RunningApi) -> None:
    budgets = api.runtime.repos.push_budgets
    member_id = str(uuid.uuid4())
    ids = [str(uuid.uuid4()) for _ in range(10)]

    reserved = await asyncio.gather(
        *[
            budgets.reserve(member_id=member_id, day="2026-01-15", notification_id=i, cap=3, expires_at=LEASE)
            for i in ids
        ]
    )

    assert sum(reserved) == 3
    places = await api.runtime.db.push_budgets.find({"member_id": member_id}).to_list(None)
    assert sorted(p["slot"] for p in places) == [1, 2, 3]
    assert {p["notification_id"] for p in places} == {i for i, won in zip(ids, reserved, strict=True) if won}


async def test_a_notification_keeps_its_place_on_a_retry_and_another_day_starts_empty(api: RunningApi) -> None:
    budgets = api.runtime.repos.push_budgets
    member_id, first, second = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())

    async def reserve(notification_id: str, day: str) -> bool:
        return await budgets.reserve(
            member_id=member_id, day=day, notification_id=notification_id, cap=1, expires_at=LEASE
        )

    assert await reserve(first, "2026-01-15") is True
    assert await reserve(first, "2026-01-15") is True  # a retry of the same push
    assert await reserve(second, "2026-01-15") is False
    assert await reserve(second, "2026-01-16") is True
    assert await api.runtime.db.push_budgets.count_documents({"member_id": member_id}) == 2
