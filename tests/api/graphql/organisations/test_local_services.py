"""Local services over the real API: an org admin gives the feed's address and imports by hand from a
real local HTTP server serving a recorded Open Referral UK feed; the answer says what was skipped;
the nightly import reads every organisation's feed; bad addresses and other people are refused with
nothing written.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from domain.organisations import import_every_feed
from infra.mongo.client import Database
from tests.factories.organisations import staffed_organisation
from tests.factories.shares import ShareCast, act
from tests.fixtures.app import GraphQLClient, RunningApi
from tests.fixtures.auth import AuthEmulator
from tests.fixtures.changes import Changes
from tests.support.oruk_feed import OrukFeed, serving_oruk_feed


@pytest.fixture
def feed() -> Iterator[OrukFeed]:
    with serving_oruk_feed() as served:
        yield served


async def test_an_org_admin_gives_the_feed_and_imports_it_by_hand_and_sees_what_was_skipped(
    gql: GraphQLClient, auth_emulator: AuthEmulator, share_cast: ShareCast, feed: OrukFeed, db: Database
) -> None:
    org = await staffed_organisation(gql, auth_emulator, share_cast.admin, "Riverside Local")

    saved = await act(gql, "LocalServicesFeedSet", org.admin.token, organisationId=org.id, feedUrl=f" {feed.url}/ ")
    first = await act(gql, "LocalServicesImport", org.admin.token, organisationId=org.id)
    feed.set_page(2, b"<html>Service unavailable</html>")
    second = await act(gql, "LocalServicesImport", org.admin.token, organisationId=org.id)

    assert saved == {"__typename": "LocalServicesFeedSetSuccess", "organisationId": org.id, "feedUrl": feed.url}
    assert first == {"__typename": "LocalServicesImportSuccess", "imported": 5, "removed": 0, "pages": 3, "skipped": []}
    assert second == {
        "__typename": "LocalServicesImportSuccess", "imported": 3, "removed": 0, "pages": 3,
        "skipped": [{"page": 2, "reason": "the page is not JSON", "sourceId": None}],
    }  # fmt: skip
    assert await db["local_services"].count_documents({"organisation_id": org.id, "removed": False}) == 5


async def test_the_nightly_import_reads_every_organisation_with_a_feed(
    gql: GraphQLClient, auth_emulator: AuthEmulator, share_cast: ShareCast, feed: OrukFeed, api: RunningApi
) -> None:
    with_feed = await staffed_organisation(gql, auth_emulator, share_cast.admin, "Nightly Feed")
    no_feed = await staffed_organisation(gql, auth_emulator, share_cast.admin, "No Feed")
    await act(gql, "LocalServicesFeedSet", with_feed.admin.token, organisationId=with_feed.id, feedUrl=feed.url)

    async with httpx.AsyncClient(timeout=5) as client:
        summaries = await import_every_feed(repos=api.runtime.repos, client=client, now=api.runtime.clock.now())

    assert summaries[with_feed.id].imported == 5
    assert summaries[with_feed.id].complete
    assert no_feed.id not in summaries


async def test_no_feed_a_bad_address_or_someone_else_is_refused_and_nothing_is_written(
    gql: GraphQLClient, auth_emulator: AuthEmulator, share_cast: ShareCast, changes: Changes
) -> None:
    org = await staffed_organisation(gql, auth_emulator, share_cast.admin, "Refusals Local")
    before = await changes.mark()

    not_set = await act(gql, "LocalServicesImport", org.admin.token, organisationId=org.id)
    bad = await act(
        gql, "LocalServicesFeedSet", org.admin.token, organisationId=org.id, feedUrl="ftp://feed.example.org"
    )
    staff = await act(
        gql, "LocalServicesFeedSet", org.staff.token, organisationId=org.id, feedUrl="https://x.example.org"
    )

    assert not_set["code"] == "FEED_NOT_SET"
    assert bad["code"] == "URL_INVALID"
    assert bad["fieldErrors"] == [
        {"field": "feedUrl", "code": "URL_INVALID", "message": "Use the feed's full https:// address, without ?page=."}
    ]
    assert staff["code"] == "NOT_PERMITTED"
    assert await changes.since(before) == []
