"""What the content operations need from the request (or socket) context: the reader, and `Publishing`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from api.graphql.core.context import Context, Info
from api.graphql.shares.loaders import ContentLoaders
from domain.shares import AnonymityKey, Publishing, Reader
from schemas.documents.members import MemberDocument


@dataclass(frozen=True)
class ContentContext:
    """One reader's view of content: what every content type's fields resolve with.
    Built per root field, and afresh per live event (pitfall S2).
    """

    reader: Reader
    loaders: ContentLoaders
    now: datetime


def anonymity_key(context: Context) -> AnonymityKey:
    return AnonymityKey.of(context.runtime.settings.anonymity_key.get_secret_value())


def publishing(context: Context) -> Publishing:
    runtime = context.runtime
    return Publishing(
        repos=runtime.repos, broadcaster=runtime.broadcaster, key=anonymity_key(context), support=runtime.support
    )


def reader_of(context: Context, member: MemberDocument) -> Reader:
    return Reader.of(member, context.require_identity(), anonymity_key(context))


async def content_reader(info: Info) -> Reader:
    """The signed-in member as a reader of content."""
    context = info.context
    return reader_of(context, await context.require_member())


def fresh_context(context: Context, reader: Reader) -> ContentContext:
    """A content context with its own loaders: one per request, or per live event."""
    return ContentContext(reader=reader, loaders=ContentLoaders(context.repos, reader), now=context.clock.now())


async def request_context(info: Info) -> ContentContext:
    """A content context for one root field: the objects it returns carry it, so their fields
    batch together, and nothing is cached on the context (which a socket keeps for its lifetime).
    """
    return fresh_context(info.context, await content_reader(info))
