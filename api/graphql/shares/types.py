"""GraphQL types of shared down days and their responses.

`share_of` and `response_of` are the only serializers: queries, mutations and
live events all build their content with them, so every path shows the same
fields and the same absence of authors (ANON-9).

Anonymous content has its own types with no author field at all, not even a
nullable one (ANON-1): `AnonymousShare`, `AnonymousResponse`. Content posted
under a name is `NamedShare` / `NamedResponse`, with the author's display name
as text. Times are to the minute, never finer (ANON-4); `viewerIsAuthor` is
computed from the viewer's own key and says nothing about anyone else.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from api.graphql.core.context import Info
from api.graphql.core.pagination import Connection, connection, decode_cursor, page_size
from api.graphql.shares.access import ContentContext
from api.graphql.shares.loaders import ThreadKey
from domain.shares import Seen, Standing
from schemas.documents.responses import ResponseDocument
from schemas.documents.shares import ContentStatus, ReactionKind, ShareDocument
from schemas.pagination import page_of

strawberry.enum(
    ContentStatus,
    description="PUBLISHED: the group sees it. HELD: waiting for staff (its author and staff see it). HIDDEN: "
    "taken out of view until reviewed (its author sees it). REMOVED: taken down (staff only).",
)
strawberry.enum(ReactionKind, description="A gentle reaction to a share.")

FORMER_MEMBER = "A former member"
PageSize = Annotated[int | None, strawberry.argument(description="How many items (1 to 100; 20 if omitted).")]
After = Annotated[str | None, strawberry.argument(description="`pageInfo.endCursor` of the previous page.")]


@strawberry.type(description="How many of one reaction a share has. Who gave them is never shown.")
class ReactionCount:
    kind: ReactionKind = strawberry.field(description="The reaction.")
    count: int = strawberry.field(description="How many members gave it.")


def reaction_counts(share: ShareDocument) -> list[ReactionCount]:
    return [ReactionCount(kind=kind, count=max(share.reaction_counts.get(kind, 0), 0)) for kind in ReactionKind]


async def _viewer_wrote(ctx: ContentContext, content_id: str) -> bool:
    return ctx.reader.wrote(await ctx.loaders.author_keys.load(content_id))


async def _author_name(ctx: ContentContext, content_id: str) -> str:
    member_id = await ctx.loaders.bylines.load(content_id)
    name = await ctx.loaders.display_names.load(member_id) if member_id is not None else None
    return name or FORMER_MEMBER


async def resolve_share_viewer_is_author(root: Share) -> bool:
    return await _viewer_wrote(root.ctx, root.id)


async def resolve_response_viewer_is_author(root: Response) -> bool:
    return await _viewer_wrote(root.ctx, root.id)


async def resolve_viewer_reactions(root: Share) -> list[ReactionKind]:
    given = await root.ctx.loaders.reactions.load(root.id)
    return [kind for kind in ReactionKind if kind in given]


async def resolve_share_author_name(root: NamedShare) -> str:
    return await _author_name(root.ctx, root.id)


async def resolve_response_author_name(root: NamedResponse) -> str:
    return await _author_name(root.ctx, root.id)


async def resolve_responses(
    root: Share, info: Info, first: PageSize = None, after: After = None
) -> Connection[Response]:
    """The responses the viewer may see, oldest first: one query for every share on the page."""
    size = page_size(first, limit=info.context.runtime.settings.graphql.max_page_size)
    seen = await root.ctx.loaders.threads.load(ThreadKey(root.id, root.standing))
    start = decode_cursor(after)
    if start is not None:
        seen = [s for s in seen if (s.item.created_minute, s.item.id) > (start.value, start.id)]
    return connection(
        page_of(seen[: size + 1], size),
        node=lambda item: response_of(item, root.ctx),
        keyset=lambda item: (item.item.created_minute, item.item.id),
    )


@strawberry.interface(description="A down day shared with a group; its author is never part of it.")
class Share:
    id: strawberry.ID = strawberry.field(description="Random id; says nothing about who or when.")
    group_id: strawberry.ID = strawberry.field(description="The group it was shared with.")
    body: str = strawberry.field(description="What was shared.")
    status: ContentStatus = strawberry.field(
        description="As the viewer may know it (an author sees HIDDEN for REMOVED)."
    )
    sensitive: bool = strawberry.field(description="Words of distress: the app shows it gently.")
    edited: bool = strawberry.field(description="Its author changed the words after posting.")
    created_at: datetime = strawberry.field(description="When it was shared, to the minute (seconds are always 0).")
    response_count: int = strawberry.field(description="Responses the group can see.")
    reaction_counts: list[ReactionCount] = strawberry.field(description="Each reaction and how many gave it.")
    viewer_is_author: bool = strawberry.field(
        resolver=resolve_share_viewer_is_author, description="The viewer wrote it (known only to them)."
    )
    viewer_reactions: list[ReactionKind] = strawberry.field(
        resolver=resolve_viewer_reactions, description="The reactions the viewer gave it."
    )
    responses: Connection[Response] = strawberry.field(
        resolver=resolve_responses, description="Responses the viewer may see, oldest first."
    )
    ctx: strawberry.Private[ContentContext]
    standing: strawberry.Private[Standing]


@strawberry.type(description="A share posted without a name. It has no author field of any kind.")
class AnonymousShare(Share):
    pass


@strawberry.type(description="A share its author chose to post under their name.")
class NamedShare(Share):
    author_name: str = strawberry.field(
        resolver=resolve_share_author_name, description="The author's display name, as they chose to share it."
    )


@strawberry.interface(description="A reply to a share; its author is never part of it.")
class Response:
    id: strawberry.ID = strawberry.field(description="Random id; says nothing about who or when.")
    share_id: strawberry.ID = strawberry.field(description="The share it answers.")
    body: str = strawberry.field(description="What was written.")
    status: ContentStatus = strawberry.field(description="As the viewer may know it.")
    sensitive: bool = strawberry.field(description="Words of distress: the app shows it gently.")
    created_at: datetime = strawberry.field(description="When it was written, to the minute (seconds are always 0).")
    viewer_is_author: bool = strawberry.field(
        resolver=resolve_response_viewer_is_author, description="The viewer wrote it (known only to them)."
    )
    ctx: strawberry.Private[ContentContext]
    standing: strawberry.Private[Standing]


@strawberry.type(description="A response posted without a name. It has no author field of any kind.")
class AnonymousResponse(Response):
    pass


@strawberry.type(description="A response its author chose to post under their name.")
class NamedResponse(Response):
    author_name: str = strawberry.field(
        resolver=resolve_response_author_name, description="The author's display name, as they chose to share it."
    )


def share_of(seen: Seen[ShareDocument], ctx: ContentContext) -> Share:
    """The one serializer of a share, for every query, mutation and live event."""
    share = seen.item
    kind = AnonymousShare if share.anonymous else NamedShare
    return kind(
        id=strawberry.ID(share.id), group_id=strawberry.ID(share.group_id), body=share.body, status=seen.status,
        sensitive=share.sensitive, edited=share.edited, created_at=share.created_minute,
        response_count=max(share.response_count, 0), reaction_counts=reaction_counts(share),
        ctx=ctx, standing=seen.standing,
    )  # fmt: skip


def response_of(seen: Seen[ResponseDocument], ctx: ContentContext) -> Response:
    """The one serializer of a response, for every query, mutation and live event."""
    response = seen.item
    kind = AnonymousResponse if response.anonymous else NamedResponse
    return kind(
        id=strawberry.ID(response.id), share_id=strawberry.ID(response.share_id), body=response.body,
        status=seen.status, sensitive=response.sensitive, created_at=response.created_minute,
        ctx=ctx, standing=seen.standing,
    )  # fmt: skip


# Reached only through their interfaces: the schema is told of them explicitly.
CONCRETE_TYPES: tuple[type, ...] = (AnonymousShare, NamedShare, AnonymousResponse, NamedResponse)
