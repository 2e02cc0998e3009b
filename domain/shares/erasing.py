"""Erasing content for good. An author's shareDelete and the later removal of a deleted member's
anonymous posts (domain/accounts/anonymous_content.py) go through here, so what the group sees
(the live event, the counts, the reports closed) is the same, and one cannot be told from the other.
"""

from __future__ import annotations

from datetime import datetime

from domain.shares import lifecycle
from domain.shares.lifecycle import Publishing
from schemas.documents.responses import ResponseDocument
from schemas.documents.shares import ContentStatus, ShareDocument


async def erase_share(publishing: Publishing, share: ShareDocument, *, now: datetime) -> bool:
    """The share with its responses, reactions and links; False when it was already gone."""
    repos = publishing.repos
    response_ids = await repos.responses.ids_for_share(share.id)
    if not await repos.shares.delete(share.id):
        return False
    await repos.responses.delete_for_share(share.id)
    await repos.reactions.delete_for_targets([share.id])
    await repos.authorship.delete_many([share.id, *response_ids])
    await repos.bylines.delete_many([share.id, *response_ids])
    await repos.reports.close_waiting_for_targets([share.id, *response_ids], now=now)
    if share.status is ContentStatus.PUBLISHED:
        await lifecycle.share_withdrawn(publishing, share)
    return True


async def erase_response(publishing: Publishing, response_id: str, *, now: datetime) -> ResponseDocument | None:
    """One response and its links; its share counts one fewer. None when it was already gone."""
    repos = publishing.repos
    response = await repos.responses.delete(response_id)
    if response is None:
        return None
    await repos.authorship.delete_many([response.id])
    await repos.bylines.delete_many([response.id])
    await repos.reports.close_waiting_for_targets([response.id], now=now)
    if response.status is ContentStatus.PUBLISHED:
        await lifecycle.response_withdrawn(publishing, response)
    return response
