"""Batch loads for content, per request (or per live event), for one reader: `$in` queries,
no authorisation inside (the domain decided what the reader may see before these run).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from strawberry.dataloader import DataLoader

from domain.shares import Reader, Seen, Standing, response_threads
from infra.mongo.repositories.registry import Repositories
from schemas.documents.responses import ResponseDocument
from schemas.documents.shares import ReactionKind


@dataclass(frozen=True)
class ThreadKey:
    """One share's responses, as a reader of the given standing sees them."""

    share_id: str
    standing: Standing


class ContentLoaders:
    """The loaders one reader's content fields share within one request or one live event."""

    def __init__(self, repos: Repositories, reader: Reader) -> None:
        self.reader = reader
        self.author_keys = DataLoader[str, str | None](lambda ids: _author_keys(repos, ids))
        self.bylines = DataLoader[str, str | None](lambda ids: _bylines(repos, ids))
        self.display_names = DataLoader[str, str | None](lambda ids: _display_names(repos, ids))
        self.reactions = DataLoader[str, frozenset[ReactionKind]](lambda ids: _reactions(repos, reader, ids))
        self.threads = DataLoader[ThreadKey, list[Seen[ResponseDocument]]](lambda keys: _threads(repos, reader, keys))


async def _author_keys(repos: Repositories, content_ids: Sequence[str]) -> list[str | None]:
    keys = await repos.authorship.keys_of(list(content_ids))
    return [keys.get(content_id) for content_id in content_ids]


async def _bylines(repos: Repositories, content_ids: Sequence[str]) -> list[str | None]:
    members = await repos.bylines.members_of(list(content_ids))
    return [members.get(content_id) for content_id in content_ids]


async def _display_names(repos: Repositories, member_ids: Sequence[str]) -> list[str | None]:
    names = {member.id: member.display_name for member in await repos.members.get_many(list(member_ids))}
    return [names.get(member_id) for member_id in member_ids]


async def _reactions(repos: Repositories, reader: Reader, share_ids: Sequence[str]) -> list[frozenset[ReactionKind]]:
    given = await repos.reactions.kinds_by_target(list(share_ids), reader.reactor_key)
    return [frozenset(given.get(share_id, ())) for share_id in share_ids]


async def _threads(
    repos: Repositories, reader: Reader, keys: Sequence[ThreadKey]
) -> list[list[Seen[ResponseDocument]]]:
    found = await response_threads(repos=repos, reader=reader, shares=[(k.share_id, k.standing) for k in keys])
    return [found[key.share_id] for key in keys]
