"""What a deleted member's anonymous posts become, so that no event anyone can observe ties them
to the person (README, "Deleting your account").

By default they stay where they are, and the purge removes only their authorship: from then on
nothing links them to anyone (not the member's own session, not break-glass), and the group sees
no change at all, at the purge or ever. A member who asks, when deleting their account, for them
to go too has each removed at its own random moment in the `spread` after the purge, exactly as
an author's own delete looks (domain/shares/erasing.py): never together, never at the purge, and
among every other deletion and moderation in their groups. In a small group people may still
guess, and the app says so when it offers the choice.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta

from domain.shares import Publishing, erase_response, erase_share
from infra.mongo.repositories.registry import Repositories
from schemas.documents.content_removals import ContentRemovalDocument, RemovedKind
from schemas.documents.responses import ResponseDocument
from schemas.documents.shares import ShareDocument

logger = logging.getLogger(__name__)
REMOVALS_PER_TICK = 100


def moment_within(start: datetime, spread: timedelta) -> datetime:
    """A random moment in [start, start + spread), to the millisecond (a CSPRNG: it protects anonymity)."""
    return start + timedelta(milliseconds=secrets.randbelow(int(spread.total_seconds() * 1000)))


async def schedule_removals(
    repos: Repositories, content: Sequence[ShareDocument | ResponseDocument], *, after: datetime, spread: timedelta
) -> None:
    """Give each of the anonymous posts its own moment to go (idempotent: a rerun keeps the first)."""
    removals = [
        ContentRemovalDocument(
            id=item.id,
            kind=RemovedKind.SHARE if isinstance(item, ShareDocument) else RemovedKind.RESPONSE,
            due_at=moment_within(after, spread),
        )
        for item in content
    ]
    await repos.content_removals.schedule(removals)


async def remove_due(*, publishing: Publishing, now: datetime) -> int:
    """Remove the anonymous posts whose moment has come, one by one, as their author's delete would."""
    removed = 0
    for removal in await publishing.repos.content_removals.due(now, limit=REMOVALS_PER_TICK):
        if removal.kind is RemovedKind.SHARE:
            share = await publishing.repos.shares.get(removal.id)
            removed += share is not None and await erase_share(publishing, share, now=now)
        else:
            removed += await erase_response(publishing, removal.id, now=now) is not None
        await publishing.repos.content_removals.done(removal.id)
    if removed:
        logger.info("anonymous content removed", extra={"count": removed})  # a count: never ids together
    return removed
