"""Taking a break is not deletion: `onBreakUntil` pauses what is not urgent and keeps every piece of data."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from infra.mongo.client import Database
from infra.mongo.indexes import INDEXES
from tests.factories.accounts import Footprint, author_footprint
from tests.factories.devices import preferences_set
from tests.fixtures.app import GraphQLClient
from tests.fixtures.auth import AuthEmulator


async def everything_about(db: Database, member_id: str) -> dict[str, list[Any]]:
    """Every document in every collection that names the member, their profile aside. Of
    notifications only the ids: a break holds their pushes, which is what it is for.
    """
    found = {}
    for collection in sorted(set(INDEXES) - {"members"}):
        documents = await db[collection].find({"member_id": member_id}).sort("_id").to_list(None)
        found[collection] = [d["_id"] for d in documents] if collection == "notifications" else documents
    return found


async def test_a_break_keeps_all_data(gql: GraphQLClient, db: Database, auth_emulator: AuthEmulator) -> None:
    # Given a member with check-ins, content, a phone, dates, memberships and an export
    footprint: Footprint = await author_footprint(gql, db, auth_emulator)
    author = footprint.cast.author
    before = await everything_about(db, author.id)
    assert sum(len(documents) for documents in before.values()) >= 8

    # When they take a break for a month
    until = (datetime.now(UTC) + timedelta(days=30)).replace(microsecond=0)
    result = await preferences_set(gql, author, onBreakUntil=until.isoformat())

    # Then the break is set, and nothing of theirs was deleted or changed; the account is not deleting
    assert datetime.fromisoformat(result["preferences"]["onBreakUntil"]) == until
    assert await everything_about(db, author.id) == before
    member = await db.members.find_one({"_id": author.id})
    assert member is not None
    assert (member["display_name"], member.get("deletion_requested_at")) == ("Author", None)
    assert await db.account_deletions.count_documents({"_id": author.id}) == 0
