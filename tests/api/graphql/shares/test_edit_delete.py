"""The author's own share: edited within 15 minutes, deleted for good; nobody else may do either."""

from __future__ import annotations

from datetime import timedelta

from infra.mongo.client import Database
from tests.factories.shares import ShareCast, act, content_group, feed, responded, shared
from tests.fixtures.app import GraphQLClient
from tests.fixtures.changes import Changes


async def test_the_author_edits_within_15_minutes(gql: GraphQLClient, db: Database, share_cast: ShareCast) -> None:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id, "Typo day.")

    result = await act(gql, "ShareUpdate", share_cast.author.token, shareId=share["id"], body="A low day.")

    assert result["__typename"] == "ShareUpdateSuccess", result
    assert (result["share"]["body"], result["share"]["edited"], result["signposting"]) == ("A low day.", True, None)
    [seen] = (await feed(gql, share_cast.member, group_id))["nodes"]
    assert (seen["body"], seen["edited"]) == ("A low day.", True)


async def test_after_15_minutes_the_words_stay(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, changes: Changes
) -> None:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id, "As written.")
    stored = await db.shares.find_one({"_id": share["id"]})
    assert stored is not None
    await db.shares.update_one(
        {"_id": share["id"]}, {"$set": {"created_at": stored["created_at"] - timedelta(minutes=15, seconds=1)}}
    )
    before = await changes.mark()

    result = await act(gql, "ShareUpdate", share_cast.author.token, shareId=share["id"], body="Changed.")

    assert (result["__typename"], result["code"]) == ("ShareUpdateError", "EDIT_WINDOW_CLOSED")
    assert await changes.since(before) == []


async def test_nobody_else_edits_or_deletes_a_share(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, changes: Changes
) -> None:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id)
    before = await changes.mark()

    for person in (share_cast.member, share_cast.lead, share_cast.staff):
        edit = await act(gql, "ShareUpdate", person.token, shareId=share["id"], body="Not mine.")
        delete = await act(gql, "ShareDelete", person.token, shareId=share["id"])
        assert (edit["__typename"], edit["code"]) == ("ShareUpdateError", "NOT_PERMITTED")
        assert (delete["__typename"], delete["code"]) == ("ShareDeleteError", "NOT_PERMITTED")
    edit = await act(gql, "ShareUpdate", share_cast.outsider.token, shareId=share["id"], body="Not mine.")
    assert edit["errors"][0]["extensions"] == {"code": "NOT_FOUND"}
    assert await changes.since(before) == []


async def test_deleting_takes_the_share_its_responses_reactions_and_links_for_good(
    gql: GraphQLClient, db: Database, share_cast: ShareCast
) -> None:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id)
    response = await responded(gql, share_cast.member, share["id"], anonymous=False)
    await act(gql, "ReactionSet", share_cast.peer.token, shareId=share["id"], kind="ME_TOO")

    result = await act(gql, "ShareDelete", share_cast.author.token, shareId=share["id"])

    assert result == {"__typename": "ShareDeleteSuccess", "shareId": share["id"]}
    ids = [share["id"], response["id"]]
    for collection in ("shares", "responses", "authorship", "bylines"):
        assert await db[collection].count_documents({"_id": {"$in": ids}}) == 0, collection
    assert await db.reactions.count_documents({"target_id": share["id"]}) == 0
    assert (await feed(gql, share_cast.member, group_id))["nodes"] == []
