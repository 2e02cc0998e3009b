"""The live `groupFeed`: what changes in a group's feed, as it happens, for its members.

Authenticated at connect (the router), members only. Each event from Redis
names what changed, by id; for each one the subscriber's membership is read
again (a removed member's stream ends at the next event) and the content is
read again with fresh loaders (pitfall S2), then shaped by the same
serializers as the queries, so an event shows exactly what a query would.
Held content publishes nothing. When events were missed (a slow client, a
lost Redis connection) the stream ends with FEED_INTERRUPTED: refetch, then
subscribe again.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Annotated

import strawberry

from api.graphql.core.context import Context, Info
from api.graphql.core.errors import PublicError, access_denials
from api.graphql.core.live import live_events
from api.graphql.core.permissions import IsMember
from api.graphql.shares.access import content_reader, fresh_context
from api.graphql.shares.types import ReactionCount, Response, Share, reaction_counts, response_of, share_of
from domain.errors import HiddenError
from domain.shares import Reader, get_response, get_share, member_standing
from schemas.events import FeedEvent, FeedEventKind, feed_channel


class FeedInterruptedError(PublicError):
    code = "FEED_INTERRUPTED"

    def __init__(self) -> None:
        super().__init__("Some updates were missed: fetch the feed again, then subscribe again.")


@strawberry.type(description="A share the viewer may now see: new, restored, or released by staff.")
class ShareAdded:
    share: Share = strawberry.field(description="The share, as the groupFeed query shows it.")


@strawberry.type(description="Its author changed a share's words.")
class ShareUpdated:
    share: Share = strawberry.field(description="The share, as the groupFeed query shows it.")


@strawberry.type(description="A response the viewer may now see: new, restored, or released by staff.")
class ResponseAdded:
    response: Response = strawberry.field(description="The response, as the share query shows it.")


@strawberry.type(description="A share's reactions changed.")
class ReactionsChanged:
    share_id: strawberry.ID = strawberry.field(description="The share.")
    reaction_counts: list[ReactionCount] = strawberry.field(description="Each reaction and how many gave it, now.")


@strawberry.type(description="Content the group no longer sees: hidden, removed, held or deleted.")
class ContentHidden:
    content_id: strawberry.ID = strawberry.field(description="The share's or response's id.")
    share_id: strawberry.ID = strawberry.field(description="The share it is, or belongs to.")


GroupFeedEvent = Annotated[
    ShareAdded | ShareUpdated | ResponseAdded | ReactionsChanged | ContentHidden,
    strawberry.union("GroupFeedEvent", description="One change in a group's feed."),
]


async def group_feed(
    info: Info, group_id: Annotated[strawberry.ID, strawberry.argument(description="The member's group.")]
) -> AsyncGenerator[GroupFeedEvent, None]:
    context = info.context
    reader = await content_reader(info)
    with access_denials():
        await member_standing(repos=context.repos, reader=reader, group_id=group_id)
    async for event in live_events(context, feed_channel(group_id), FeedEvent, interrupted=FeedInterruptedError):
        try:
            await member_standing(repos=context.repos, reader=reader, group_id=group_id)
        except HiddenError:
            return  # no longer a member: nothing more for them
        payload = await _payload(context, reader, event)
        if payload is not None:
            yield payload


async def _payload(context: Context, reader: Reader, event: FeedEvent) -> GroupFeedEvent | None:
    """The event as this reader may see it, or None when the content is not for them."""
    if event.kind is FeedEventKind.CONTENT_HIDDEN:
        return ContentHidden(content_id=strawberry.ID(event.content_id), share_id=strawberry.ID(event.share_id))
    ctx = fresh_context(context, reader)
    repos = context.repos
    try:
        if event.kind is FeedEventKind.RESPONSE_ADDED and event.response_id is not None:
            response = await get_response(repos=repos, reader=reader, response_id=event.response_id)
            return ResponseAdded(response=response_of(response, ctx))
        seen = await get_share(repos=repos, reader=reader, share_id=event.share_id)
    except HiddenError:
        return None
    if event.kind is FeedEventKind.REACTIONS_CHANGED:
        return ReactionsChanged(share_id=strawberry.ID(seen.item.id), reaction_counts=reaction_counts(seen.item))
    if event.kind is FeedEventKind.SHARE_UPDATED:
        return ShareUpdated(share=share_of(seen, ctx))
    return ShareAdded(share=share_of(seen, ctx))


@strawberry.type
class ShareSubscriptions:
    group_feed = strawberry.subscription(
        resolver=group_feed,
        description="Changes in a group's feed as they happen (graphql-transport-ws). Members only; ends when the "
        "member leaves or is removed, and with FEED_INTERRUPTED when updates were missed.",
        permission_classes=[IsMember],
    )
