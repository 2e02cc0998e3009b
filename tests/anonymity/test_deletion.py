"""The anonymity oracle's deletion path (issue 14, item 1).

When an author deletes their account, no event anyone else can observe may tie their anonymous
posts to them, or to each other. By default the posts stay exactly as everyone sees them (at
the request, at the purge, after it) and only their authorship goes. If the author asked for
them to go too, each goes at its own moment after the purge, and looks exactly as an author's
own delete does. Throughout, nothing the lead or the member is shown, and nothing stored, holds
the author's canaries or keys.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from redis.asyncio import Redis

from domain.accounts.anonymous_content import remove_due
from domain.accounts.purge import purge_due
from domain.shares.anonymity import AnonymityKey
from domain.shares.lifecycle import Publishing
from infra.mongo.client import Database
from infra.mongo.indexes import INDEXES
from infra.settings import Settings
from tests.anonymity.conftest import Canaried, Recorder, Scene, leaks, secrets_of
from tests.fixtures.app import GraphQLClient, RunningApi
from tests.support.live import LiveFeed, live_feed


@dataclass(frozen=True)
class Posts:
    first: str  # the author's anonymous shares
    second: str
    reply: str  # the author's anonymous reply to the member's share
    members: str  # the member's named share
    named: str  # the author's named share


async def _posts(rec: Recorder, scene: Scene) -> Posts:
    author, member = scene.author, scene.member
    first = (await rec.act(author, "ShareCreate", groupId=scene.group_id, body="A grey one today."))["share"]
    second = (await rec.act(author, "ShareCreate", groupId=scene.group_id, body="Couldn't sleep."))["share"]
    members = (await rec.act(member, "ShareCreate", groupId=scene.group_id, body="Same.", anonymous=False))["share"]
    reply = (await rec.act(author, "ResponseCreate", shareId=members["id"], body="You're not alone."))["response"]
    await rec.act(author, "ReactionSet", shareId=members["id"], kind="HERE_FOR_YOU")
    named = await rec.act(author, "ShareCreate", groupId=scene.group_id, body="Back soon.", anonymous=False)
    return Posts(first["id"], second["id"], reply["id"], members["id"], named["share"]["id"])


async def _anonymous_as_seen(rec: Recorder, who: Canaried, scene: Scene, posts: Posts) -> list[str]:
    """Everything `who` is shown of the author's anonymous posts: their feed entries, their screens, and
    the screen of the share the author replied to (its replies and reaction counts).
    """
    feed = await rec.run(who, "GroupFeed", groupId=scene.group_id)
    entries = [n for n in feed["data"]["groupFeed"]["nodes"] if n["id"] in (posts.first, posts.second)]
    screens = [(await rec.run(who, "ShareScreen", id=share_id))["data"] for share_id in (posts.first, posts.second)]
    replied_to = (await rec.run(who, "ShareScreen", id=posts.members))["data"]
    return [json.dumps(part, sort_keys=True) for part in (entries, screens, replied_to)]


async def _delete(rec: Recorder, author: Canaried, *, remove_anonymous: bool) -> None:
    deleted = await rec.act(author, "AccountDelete", confirm=author.display_name,
                            removeAnonymousPosts=remove_anonymous)  # fmt: skip
    assert (deleted["__typename"], deleted["anonymousPostsRemoved"]) == ("AccountDeleteSuccess", remove_anonymous)


async def _purge(api: RunningApi, settings: Settings, at: datetime) -> None:
    key = AnonymityKey.of(settings.anonymity_key.get_secret_value())
    spread = timedelta(days=settings.retention.anonymous_removal_spread_days)
    finished = await purge_due(repos=api.runtime.repos, accounts=api.runtime.accounts, key=key, now=at, spread=spread)
    assert finished >= 1


async def _traces(db: Database, settings: Settings, author: Canaried) -> list[str]:
    """The collections where any document still holds one of the author's identifiers or keys."""
    secrets = secrets_of(settings, author)
    found = []
    for collection in sorted(set(INDEXES) | set(await db.list_collection_names())):
        text = json.dumps(await db[collection].find().to_list(None), default=str)
        found += [collection for secret in secrets if secret in text]
    return sorted(set(found))


def _following(api: RunningApi, redis: Redis, who: Canaried, group_id: str) -> Any:
    return live_feed(api.ws_url, who.person.token, group_id, broadcaster=api.runtime.broadcaster, redis=redis)


async def test_deleting_an_account_changes_nothing_anyone_sees_of_its_anonymous_posts(
    gql: GraphQLClient, db: Database, api: RunningApi, redis: Redis, settings: Settings, scene: Scene
) -> None:
    # Given the author's anonymous shares and reply, and a named share, as the lead and the member see them
    rec = Recorder(gql)
    posts = await _posts(rec, scene)
    before = {who.person.id: await _anonymous_as_seen(rec, who, scene, posts) for who in (scene.lead, scene.member)}

    # When the author deletes their account, keeping the default, and the purge runs after the grace period
    async with _following(api, redis, scene.lead, scene.group_id) as lead_feed:
        await _delete(rec, scene.author, remove_anonymous=False)
        people = (scene.lead, scene.member)
        requested = {who.person.id: await _anonymous_as_seen(rec, who, scene, posts) for who in people}
        await _purge(api, settings, api.runtime.clock.now() + timedelta(days=22))
        # Then the live feed carried nothing at all
        await lead_feed.nothing(within=1.0)
    purged = {who.person.id: await _anonymous_as_seen(rec, who, scene, posts) for who in (scene.lead, scene.member)}

    # and the anonymous posts look exactly as they did, replies, counts and all, at every step
    assert before == requested == purged
    # while the named share has gone, and nothing stored holds the author any more, not even as a key
    named = await rec.run(scene.lead, "ShareScreen", id=posts.named)
    assert [e["extensions"]["code"] for e in named["errors"]] == ["NOT_FOUND"]
    assert await db.authorship.count_documents({"_id": {"$in": [posts.first, posts.second, posts.reply]}}) == 0
    assert await db.shares.count_documents({"_id": {"$in": [posts.first, posts.second]}}) == 2
    assert await _traces(db, settings, scene.author) == []
    named_posters = (scene.author.display_name, scene.member.display_name)  # shown on named shares, by design
    for who, other in ((scene.lead, scene.member), (scene.member, scene.lead)):
        every = (*secrets_of(settings, scene.author), *secrets_of(settings, other))
        forbidden = tuple(secret for secret in every if secret not in named_posters)
        assert leaks([*rec.shown[who.person.id], *(lead_feed.frames if who is scene.lead else [])], forbidden) == []


async def test_posts_asked_to_go_each_go_at_their_own_moment_as_an_authors_own_delete_looks(
    gql: GraphQLClient, db: Database, api: RunningApi, redis: Redis, settings: Settings, scene: Scene
) -> None:
    # Given the author's posts, and the author asking for their anonymous posts to go with their account
    rec = Recorder(gql)
    posts = await _posts(rec, scene)
    before = await _anonymous_as_seen(rec, scene.lead, scene, posts)
    await _delete(rec, scene.author, remove_anonymous=True)
    purge_at = api.runtime.clock.now() + timedelta(days=22)
    spread = timedelta(days=settings.retention.anonymous_removal_spread_days)

    # When the purge runs, nothing anonymous changes then
    await _purge(api, settings, purge_at)
    assert await _anonymous_as_seen(rec, scene.lead, scene, posts) == before

    # Then each post has its own moment in the weeks after, and the schedule names no one
    removals = await db.content_removals.find().sort("due_at").to_list(None)
    assert sorted(r["_id"] for r in removals) == sorted([posts.first, posts.second, posts.reply])
    assert all(set(r) == {"_id", "kind", "due_at"} for r in removals)
    moments = [r["due_at"].replace(tzinfo=purge_at.tzinfo) for r in removals]
    assert len(set(moments)) == 3
    assert all(purge_at <= moment < purge_at + spread for moment in moments)

    # And each goes alone at its moment, with the live event an author's own delete gives
    publishing = Publishing(repos=api.runtime.repos, broadcaster=api.runtime.broadcaster,
                               key=AnonymityKey.of(settings.anonymity_key.get_secret_value()))  # fmt: skip
    async with _following(api, redis, scene.lead, scene.group_id) as lead_feed:
        events = [await _removed_at(publishing, lead_feed, moment) for moment in moments]
        own = await rec.act(scene.member, "ShareCreate", groupId=scene.group_id, body="Mine.", anonymous=False)
        await lead_feed.next()  # its arrival
        await rec.act(scene.member, "ShareDelete", shareId=own["share"]["id"])
        own_delete = _shape(await lead_feed.event())
    assert [shape for shape, _ in events] == [own_delete] * 3
    assert sorted(removed for _, removed in events) == sorted([posts.first, posts.second, posts.reply])
    assert await db.content_removals.count_documents({}) == 0
    assert await db.shares.count_documents({"_id": {"$in": [posts.first, posts.second]}}) == 0


async def _removed_at(publishing: Publishing, feed: LiveFeed, moment: datetime) -> tuple[str, str]:
    """Run the removal tick at `moment`: exactly one post goes; its live event's shape and the id it names."""
    assert await remove_due(publishing=publishing, now=moment) == 1
    event = await feed.event()
    removed = event["contentId"]
    return _shape(event), removed


def _shape(event: dict[str, Any]) -> str:
    """The event with every id it names read as one placeholder: what kind of event, and which fields."""
    ids = {str(value) for key, value in event.items() if key.endswith("Id")}
    text = json.dumps(event, sort_keys=True)
    for value in ids:
        text = text.replace(value, "<id>")
    return text
