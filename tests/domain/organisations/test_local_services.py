"""The Open Referral UK import against a real local HTTP server serving a recorded feed: every page
is read and each service upserted by its feed id; importing again changes nothing; a service the
feed drops is marked removed; a malformed page is skipped, named in the summary, and the services it
held keep their last good data (and nothing is marked removed from an incomplete read).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from domain.organisations import (
    ImportSummary,
    OrganisationError,
    OrganisationErrorCode,
    import_local_services,
    local_services_of,
)
from domain.organisations.local_services import checked_feed_url, postcode_district
from infra.mongo.client import Database
from infra.mongo.repositories.registry import Repositories
from schemas.documents.base import new_id
from tests.fixtures.app import RunningApi
from tests.support.oruk_feed import OrukFeed, recorded_pages, serving_oruk_feed

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def feed() -> Iterator[OrukFeed]:
    with serving_oruk_feed() as served:
        yield served


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=5) as http:
        yield http


@pytest.fixture
def repos(api: RunningApi) -> Repositories:
    return api.runtime.repos


async def run(
    repos: Repositories, feed: OrukFeed, client: httpx.AsyncClient, organisation_id: str, *, at: datetime = NOW
) -> ImportSummary:
    return await import_local_services(
        repos=repos, organisation_id=organisation_id, feed_url=feed.url, client=client, now=at
    )


async def stored(db: Database, organisation_id: str) -> list[dict[str, object]]:
    return [raw async for raw in db["local_services"].find({"organisation_id": organisation_id}).sort("source_id", 1)]


async def test_an_import_reads_every_page_and_keeps_source_id_and_last_update(
    repos: Repositories, db: Database, feed: OrukFeed, client: httpx.AsyncClient
) -> None:
    organisation_id = new_id()
    summary = await run(repos, feed, client, organisation_id)

    assert summary == ImportSummary(imported=5, removed=0, pages=3, skipped=())
    assert [r.split("?")[1] for r in feed.requests] == ["page=1", "page=2", "page=3"]
    services = await local_services_of(repos=repos, organisation_id=organisation_id)
    assert [s.name for s in services] == [
        "Bereavement Circle", "Cardiff Talking Space", "Carers Drop-in", "Men's Shed Penarth",
        "Sleep Clinic Self-referral",
    ]  # fmt: skip
    talking = next(s for s in services if s.source_id == "svc-1")
    assert talking.source_updated_at == datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    assert talking.phones == ("029 2000 0001",)
    assert talking.email == "hello1@example.org"
    assert talking.eligibility == "Adults 18+"
    assert [(loc.postcode_district, loc.local_authority) for loc in talking.locations] == [("CF10", "Cardiff")]


async def test_importing_again_changes_nothing(
    repos: Repositories, db: Database, feed: OrukFeed, client: httpx.AsyncClient
) -> None:
    organisation_id = new_id()
    await run(repos, feed, client, organisation_id)
    first = await stored(db, organisation_id)

    again = await run(repos, feed, client, organisation_id)

    assert again == ImportSummary(imported=5, removed=0, pages=3, skipped=())
    assert await stored(db, organisation_id) == first  # same ids, same fields, one document per service


async def test_two_imports_at_once_leave_one_document_per_service(
    repos: Repositories, db: Database, feed: OrukFeed, client: httpx.AsyncClient
) -> None:
    organisation_id = new_id()

    first, second = await asyncio.gather(
        run(repos, feed, client, organisation_id), run(repos, feed, client, organisation_id)
    )

    assert first.complete
    assert second.complete
    assert sorted(raw["source_id"] for raw in await stored(db, organisation_id)) == [f"svc-{n}" for n in range(1, 6)]


async def test_a_service_the_feed_drops_is_marked_removed_and_comes_back_if_listed_again(
    repos: Repositories, db: Database, feed: OrukFeed, client: httpx.AsyncClient
) -> None:
    organisation_id = new_id()
    await run(repos, feed, client, organisation_id)
    page = feed.page(2)
    page["content"] = [s for s in page["content"] if s["id"] != "svc-3"]
    feed.set_page(2, page)

    summary = await run(repos, feed, client, organisation_id, at=NOW + timedelta(days=1))

    assert summary == ImportSummary(imported=4, removed=1, pages=3, skipped=())
    assert "svc-3" not in [s.source_id for s in await local_services_of(repos=repos, organisation_id=organisation_id)]
    kept = {raw["source_id"]: raw["removed"] for raw in await stored(db, organisation_id)}
    assert kept == {"svc-1": False, "svc-2": False, "svc-3": True, "svc-4": False, "svc-5": False}

    feed.pages = recorded_pages()
    back = await run(repos, feed, client, organisation_id, at=NOW + timedelta(days=2))
    assert back.removed == 0
    assert len(await local_services_of(repos=repos, organisation_id=organisation_id)) == 5


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"total_pages": 3, "content": [{"id": "svc-3", "na', "the page is not JSON"),
        (b'{"total_pages": 3, "items": []}', "the page is not an ORUK page"),
        (b'["not", "a", "page"]', "the page is not an ORUK page"),
    ],
)
async def test_a_malformed_page_is_skipped_and_the_last_good_data_is_kept(
    repos: Repositories, db: Database, feed: OrukFeed, client: httpx.AsyncClient, body: bytes, reason: str
) -> None:
    organisation_id = new_id()
    await run(repos, feed, client, organisation_id)
    before = await stored(db, organisation_id)
    changed = feed.page(1)
    changed["content"][0]["name"] = "Cardiff Talking Space (renamed)"
    feed.set_page(1, changed)
    feed.set_page(2, body)  # held svc-3 and svc-4

    summary = await run(repos, feed, client, organisation_id, at=NOW + timedelta(days=1))

    assert summary.imported == 3
    assert summary.removed == 0  # an incomplete read removes nothing
    assert [(s.page, s.reason, s.source_id) for s in summary.skipped] == [(2, reason, None)]
    after = {raw["source_id"]: raw for raw in await stored(db, organisation_id)}
    last_good = {raw["source_id"]: raw for raw in before}
    assert after["svc-3"] == last_good["svc-3"]
    assert after["svc-4"] == last_good["svc-4"]
    assert after["svc-1"]["name"] == "Cardiff Talking Space (renamed)"
    assert all(not raw["removed"] for raw in after.values())


async def test_a_service_without_a_name_is_skipped_by_id_and_the_rest_of_its_page_imported(
    repos: Repositories, db: Database, feed: OrukFeed, client: httpx.AsyncClient
) -> None:
    organisation_id = new_id()
    page = feed.page(3)
    del page["content"][0]["name"]
    feed.set_page(3, page)

    summary = await run(repos, feed, client, organisation_id)

    assert summary.imported == 4
    assert [(s.page, s.reason, s.source_id) for s in summary.skipped] == [
        (3, "a service without an id or name", "svc-5")
    ]


async def test_a_feed_that_does_not_answer_is_named_and_changes_nothing(
    repos: Repositories, db: Database, feed: OrukFeed, client: httpx.AsyncClient
) -> None:
    organisation_id = new_id()
    await run(repos, feed, client, organisation_id)
    before = await stored(db, organisation_id)
    feed.pages = {}

    summary = await run(repos, feed, client, organisation_id, at=NOW + timedelta(days=1))

    assert summary == ImportSummary(imported=0, removed=0, pages=1, skipped=summary.skipped)
    assert [(s.page, s.reason) for s in summary.skipped] == [(1, "the feed answered HTTP 404")]
    assert await stored(db, organisation_id) == before


def test_postcode_districts() -> None:
    assert postcode_district("cf10 1aa") == "CF10"
    assert postcode_district("SW1A1AA") == "SW1A"
    assert postcode_district("") is None
    assert postcode_district(None) is None


def test_a_feed_address_is_https_outside_development() -> None:
    assert checked_feed_url(" https://feed.example.org/api/ ", allow_http=False) == "https://feed.example.org/api"
    assert checked_feed_url("http://127.0.0.1:8080", allow_http=True) == "http://127.0.0.1:8080"
    for bad in ("http://feed.example.org", "feed.example.org", "https://", "https://feed.example.org/services?page=1"):
        with pytest.raises(OrganisationError) as refused:
            checked_feed_url(bad, allow_http=False)
        assert refused.value.code is OrganisationErrorCode.URL_INVALID
