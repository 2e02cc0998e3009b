"""No N+1: a page of the feed, responses and names included, costs the same for 2 shares as for 20."""

from __future__ import annotations

from infra.mongo.client import Database
from tests.factories.shares import ShareCast, act, content_group, responded, shared
from tests.fixtures.app import CommandCounter, GraphQLClient

FEED_WITH_THREADS = """
query FeedWithThreads($groupId: ID!) {
  groupFeed(groupId: $groupId, first: 20) {
    nodes {
      id body viewerIsAuthor viewerReactions reactionCounts { kind count }
      ... on NamedShare { authorName }
      responses(first: 20) { nodes { id body viewerIsAuthor ... on NamedResponse { authorName } } }
    }
  }
}
"""


async def feed_commands(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, counter: CommandCounter, size: int
) -> list[str]:
    group_id = await content_group(gql, db, share_cast)
    for n in range(size):
        share = await shared(gql, share_cast.author, group_id, f"Share {n}", anonymous=n % 2 == 0)
        await responded(gql, share_cast.member, share["id"], anonymous=n % 2 == 1)
        await act(gql, "ReactionSet", share_cast.peer.token, shareId=share["id"], kind="ME_TOO")
    with counter.counting() as commands:
        body = await gql(FEED_WITH_THREADS, {"groupId": group_id}, token=share_cast.member.token)
    nodes = body["data"]["groupFeed"]["nodes"]
    assert len(nodes) == size
    assert all(len(node["responses"]["nodes"]) == 1 for node in nodes)
    return commands


async def test_the_feed_costs_the_same_for_2_and_20_shares(
    gql: GraphQLClient, db: Database, share_cast: ShareCast, command_counter: CommandCounter
) -> None:
    # Half of each are named: the names cost their own queries, once per level.
    two = await feed_commands(gql, db, share_cast, command_counter, 2)
    twenty = await feed_commands(gql, db, share_cast, command_counter, 20)

    # The member; the group and the membership; the page; the group's unpublished ones (the reader's
    # own among them); for the shares, authorship (viewerIsAuthor), the viewer's reactions, bylines
    # and names; the threads; for the responses, authorship, bylines and names. Both levels share
    # one names loader: when the shares' bylines come back late, in the same turn of the event loop
    # as the responses' (a busy machine), both levels' names go as one query.
    for commands in (two, twenty):
        assert commands in (["find"] * 12, ["find"] * 13)
