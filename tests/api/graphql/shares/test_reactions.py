"""Reactions: gentle kinds, one of each per member per share, counts only for peers."""

from __future__ import annotations

from infra.mongo.client import Database
from tests.factories.shares import ShareCast, act, content_group, shared
from tests.fixtures.app import GraphQLClient
from tests.fixtures.changes import Changes


def counts(share: dict[str, object]) -> dict[str, int]:
    return {c["kind"]: c["count"] for c in share["reactionCounts"]}  # type: ignore[attr-defined]


async def test_members_react_and_everyone_sees_counts_by_kind_only(
    gql: GraphQLClient, db: Database, share_cast: ShareCast
) -> None:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id)

    for person, kind in ((share_cast.member, "THINKING_OF_YOU"), (share_cast.peer, "THINKING_OF_YOU"),
                         (share_cast.member, "ME_TOO")):  # fmt: skip
        result = await act(gql, "ReactionSet", person.token, shareId=share["id"], kind=kind)
        assert result["__typename"] == "ReactionSetSuccess", result

    assert counts(result["share"]) == {"THINKING_OF_YOU": 2, "ME_TOO": 1, "HERE_FOR_YOU": 0, "SENDING_STRENGTH": 0}
    assert result["share"]["viewerReactions"] == ["THINKING_OF_YOU", "ME_TOO"]
    stored = await db.reactions.find({"target_id": share["id"]}).to_list(None)
    assert len(stored) == 3
    assert all(set(r) == {"_id", "target_id", "reactor_key", "kind"} for r in stored)
    assert share_cast.member.id not in str(stored)


async def test_reacting_twice_with_one_kind_is_refused_and_changes_nothing(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, changes: Changes
) -> None:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id)
    await act(gql, "ReactionSet", share_cast.member.token, shareId=share["id"], kind="HERE_FOR_YOU")
    before = await changes.mark()

    again = await act(gql, "ReactionSet", share_cast.member.token, shareId=share["id"], kind="HERE_FOR_YOU")

    assert (again["__typename"], again["code"]) == ("ReactionSetError", "ALREADY_REACTED")
    assert await changes.since(before) == []


async def test_a_reaction_is_taken_back_once(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, changes: Changes
) -> None:
    group_id = await content_group(gql, db, share_cast)
    share = await shared(gql, share_cast.author, group_id)
    await act(gql, "ReactionSet", share_cast.member.token, shareId=share["id"], kind="SENDING_STRENGTH")

    removed = await act(gql, "ReactionRemove", share_cast.member.token, shareId=share["id"], kind="SENDING_STRENGTH")
    before = await changes.mark()
    again = await act(gql, "ReactionRemove", share_cast.member.token, shareId=share["id"], kind="SENDING_STRENGTH")

    assert counts(removed["share"])["SENDING_STRENGTH"] == 0
    assert removed["share"]["viewerReactions"] == []
    assert (again["__typename"], again["code"]) == ("ReactionRemoveError", "NOT_REACTED")
    assert await changes.since(before) == []
    assert await db.reactions.count_documents({"target_id": share["id"]}) == 0
