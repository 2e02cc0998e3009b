"""shareCreate: anonymous by default, stored with no author, readable by the group."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from infra.mongo.client import Database
from tests.factories.shares import ShareCast, act, backdate_memberships, content_group, feed, shared
from tests.fixtures.app import GraphQLClient
from tests.fixtures.changes import Changes


async def test_an_anonymous_share_is_stored_without_its_author_and_shown_to_the_minute(
    gql: GraphQLClient, db: Database, share_cast: ShareCast
) -> None:
    # Given a group of five who joined over a week ago
    group_id = await content_group(gql, db, share_cast)

    # When the author shares without their name
    share = await shared(gql, share_cast.author, group_id, "Today is a down day.")

    # Then it is an AnonymousShare, shown to the minute, and the author alone sees it is theirs
    assert share["__typename"] == "AnonymousShare"
    assert (share["body"], share["status"], share["viewerIsAuthor"], share["sensitive"]) == (
        "Today is a down day.", "PUBLISHED", True, False,
    )  # fmt: skip
    assert share["createdAt"].endswith(":00+00:00")
    assert uuid.UUID(share["id"]).version == 4
    stored = await db.shares.find_one({"_id": share["id"]})
    assert stored is not None
    assert set(stored) == {
        "_id", "group_id", "body", "anonymous", "status", "hidden_by", "sensitive", "edited", "reaction_counts",
        "response_count", "created_at", "created_minute",
    }  # fmt: skip
    authorship = await db.authorship.find_one({"_id": share["id"]})
    assert authorship is not None
    assert set(authorship) == {"_id", "author_key"}
    assert share_cast.author.id not in str(authorship)
    assert await db.bylines.count_documents({"_id": share["id"]}) == 0
    [seen] = (await feed(gql, share_cast.member, group_id))["nodes"]
    assert (seen["id"], seen["viewerIsAuthor"], seen["createdAt"]) == (share["id"], False, share["createdAt"])


async def test_a_named_share_shows_the_author_display_name(
    gql: GraphQLClient, db: Database, share_cast: ShareCast
) -> None:
    group_id = await content_group(gql, db, share_cast)

    share = await shared(gql, share_cast.author, group_id, "Feeling low.", anonymous=False)

    [seen] = (await feed(gql, share_cast.member, group_id))["nodes"]
    assert (seen["__typename"], seen["authorName"], seen["id"]) == ("NamedShare", "Author", share["id"])
    byline = await db.bylines.find_one({"_id": share["id"]})
    assert byline == {"_id": share["id"], "member_id": share_cast.author.id}


async def test_anonymous_posting_needs_five_members_of_over_a_week(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, changes: Changes
) -> None:
    # Given a group of five where everyone joined today
    group_id = await content_group(gql, db, share_cast, established=False)
    before = await changes.mark()

    # When the author tries to share anonymously
    result = await act(gql, "ShareCreate", share_cast.author.token, groupId=group_id, body="Hard day.")

    # Then a typed error says why, and nothing is written
    assert result["__typename"] == "ShareCreateError"
    assert result["code"] == "ANONYMITY_SET_TOO_SMALL"
    assert await changes.since(before) == []
    # They may post under their name instead
    named = await act(gql, "ShareCreate", share_cast.author.token, groupId=group_id, body="Hard day.", anonymous=False)
    assert named["__typename"] == "ShareCreateSuccess"


async def test_recent_joins_do_not_make_up_the_anonymity_set(
    gql: GraphQLClient, db: Database, share_cast: ShareCast
) -> None:
    # Given four members of long standing, and the fifth (the outsider) joining today
    group_id = await content_group(gql, db, share_cast, established=False)
    await db.memberships.update_many(
        {"group_id": group_id, "member_id": {"$ne": share_cast.peer.id}},
        {"$set": {"joined_at": (await db.groups.find_one({"_id": group_id}) or {})["created_at"] - timedelta(days=8)}},
    )
    result = await act(gql, "ShareCreate", share_cast.author.token, groupId=group_id, body="Hard day.")
    assert result["code"] == "ANONYMITY_SET_TOO_SMALL"

    # When the fifth's joining is over a week old too, the set is complete
    await backdate_memberships(db, group_id)
    result = await act(gql, "ShareCreate", share_cast.author.token, groupId=group_id, body="Hard day.")
    assert result["__typename"] == "ShareCreateSuccess"


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("", "BODY_LENGTH"),
        ("   \n ", "BODY_LENGTH"),
        ("x" * 2001, "BODY_LENGTH"),
        ("bad\x07bell", "BODY_CHARACTERS"),
        ("\u200b\u2060\u200d", "BODY_LENGTH"),  # zero-width characters only
        ("\u202e\u3164\u2800", "BODY_LENGTH"),  # a bidi control, a Hangul filler, a blank braille cell
    ],
)
async def test_a_bad_body_is_refused_and_nothing_is_written(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, changes: Changes, body: str, code: str
) -> None:
    group_id = await content_group(gql, db, share_cast)
    before = await changes.mark()

    result = await act(gql, "ShareCreate", share_cast.author.token, groupId=group_id, body=body)

    assert (result["__typename"], result["code"]) == ("ShareCreateError", code)
    assert result["fieldErrors"][0]["field"] == "body"
    assert await changes.since(before) == []


async def test_2000_characters_is_accepted(gql: GraphQLClient, db: Database, share_cast: ShareCast) -> None:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id, "é" * 2000)
    assert len(share["body"]) == 2000
