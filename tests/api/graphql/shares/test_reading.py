"""Reading: the feed's order and pages, one share with its responses, and what each reader sees."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from infra.mongo.client import Database
from tests.factories.shares import ShareCast, content_group, feed, responded, run, shared
from tests.fixtures.app import GraphQLClient


async def test_the_feed_is_newest_minute_first_and_random_within_a_minute(
    gql: GraphQLClient, db: Database, share_cast: ShareCast
) -> None:
    # Given six shares, the first two in an earlier minute and the other four in one later minute
    group_id = await content_group(gql, db, share_cast)
    ids = [(await shared(gql, share_cast.author, group_id, f"Share {n}"))["id"] for n in range(6)]
    earlier, later = datetime(2030, 1, 1, 9, 0, tzinfo=UTC), datetime(2030, 1, 1, 9, 1, tzinfo=UTC)
    await db.shares.update_many({"_id": {"$in": ids[:2]}}, {"$set": {"created_minute": earlier}})
    await db.shares.update_many({"_id": {"$in": ids[2:]}}, {"$set": {"created_minute": later}})

    # When a member reads the feed two at a time
    seen: list[str] = []
    after = None
    while True:
        page = await feed(gql, share_cast.member, group_id, first=2, after=after)
        seen += [node["id"] for node in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]

    # Then the later minute comes first, and within a minute the order is the random ids' (not posting order)
    assert seen == sorted(ids[2:], reverse=True) + sorted(ids[:2], reverse=True)


async def test_one_share_with_its_responses_oldest_first(
    gql: GraphQLClient, db: Database, share_cast: ShareCast
) -> None:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id)
    first = await responded(gql, share_cast.member, share["id"], "You're not alone.")
    second = await responded(gql, share_cast.peer, share["id"], "Here if you want to talk.", anonymous=False)
    await db.responses.update_one(
        {"_id": first["id"]}, {"$set": {"created_minute": datetime(2030, 1, 1, 9, 0, tzinfo=UTC)}}
    )
    await db.responses.update_one(
        {"_id": second["id"]}, {"$set": {"created_minute": datetime(2030, 1, 1, 9, 1, tzinfo=UTC)}}
    )

    body = await run(gql, "ShareScreen", share_cast.author.token, id=share["id"])

    screen = body["data"]["share"]
    assert screen["responseCount"] == 2
    rows = [
        (r["__typename"], r["body"], r["viewerIsAuthor"], r.get("authorName")) for r in screen["responses"]["nodes"]
    ]
    assert rows == [
        ("AnonymousResponse", "You're not alone.", False, None),
        ("NamedResponse", "Here if you want to talk.", False, "Peer"),
    ]
    mine = await run(gql, "ShareScreen", share_cast.member.token, id=share["id"])
    assert [r["viewerIsAuthor"] for r in mine["data"]["share"]["responses"]["nodes"]] == [True, False]


async def test_responses_page(gql: GraphQLClient, db: Database, share_cast: ShareCast) -> None:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id)
    ids = [(await responded(gql, share_cast.member, share["id"], f"Reply {n}"))["id"] for n in range(3)]

    first = await run(gql, "ShareScreen", share_cast.peer.token, id=share["id"], responsesFirst=2)
    page = first["data"]["share"]["responses"]
    rest = await run(
        gql, "ShareScreen", share_cast.peer.token, id=share["id"], responsesFirst=2,
        responsesAfter=page["pageInfo"]["endCursor"],
    )  # fmt: skip

    got = [r["id"] for r in page["nodes"]] + [r["id"] for r in rest["data"]["share"]["responses"]["nodes"]]
    assert sorted(got) == sorted(ids)
    assert len(set(got)) == 3
    assert (page["pageInfo"]["hasNextPage"], rest["data"]["share"]["responses"]["pageInfo"]["hasNextPage"]) == (
        True, False,
    )  # fmt: skip


async def test_another_groups_share_is_not_found_exactly_like_a_random_id(
    gql: GraphQLClient, db: Database, share_cast: ShareCast
) -> None:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id)

    hidden = await run(gql, "ShareScreen", share_cast.outsider.token, id=share["id"])
    missing = await run(gql, "ShareScreen", share_cast.outsider.token, id=str(uuid.uuid4()))

    assert hidden["errors"][0]["extensions"] == missing["errors"][0]["extensions"] == {"code": "NOT_FOUND"}
    assert hidden["errors"][0]["message"] == missing["errors"][0]["message"]
    feed_body = await run(gql, "GroupFeed", share_cast.outsider.token, groupId=group_id)
    assert feed_body["errors"][0]["extensions"] == {"code": "NOT_FOUND"}


async def test_staff_read_any_group_and_admins_without_the_safeguarding_claim_do_not(
    gql: GraphQLClient, db: Database, share_cast: ShareCast
) -> None:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id)

    staff = await feed(gql, share_cast.staff, group_id)
    admin = await run(gql, "GroupFeed", share_cast.admin.token, groupId=group_id)

    assert [(n["id"], n["viewerIsAuthor"]) for n in staff["nodes"]] == [(share["id"], False)]
    assert admin["errors"][0]["extensions"] == {"code": "NOT_FOUND"}
