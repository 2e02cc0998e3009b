"""The content a report or a moderator's action is about, and changing its status with
everything that follows (the same effects as posting: live events, counts, pushes).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.errors import HiddenError
from domain.shares import Publishing, response_published, response_withdrawn, share_published, share_withdrawn
from infra.mongo.repositories.registry import Repositories
from schemas.documents.moderation_actions import TargetKind
from schemas.documents.reports import ReportTargetKind
from schemas.documents.responses import ResponseDocument
from schemas.documents.shares import ContentStatus, HiddenBy, ShareDocument

CONTENT_KINDS = (ReportTargetKind.SHARE, ReportTargetKind.RESPONSE)
LOG_KIND = {
    ReportTargetKind.SHARE: TargetKind.SHARE,
    ReportTargetKind.RESPONSE: TargetKind.RESPONSE,
    ReportTargetKind.MEMBER: TargetKind.MEMBER,
}


@dataclass(frozen=True)
class Content:
    kind: ReportTargetKind
    item: ShareDocument | ResponseDocument

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def group_id(self) -> str:
        return self.item.group_id

    @property
    def status(self) -> ContentStatus:
        return self.item.status


async def load_content(repos: Repositories, kind: ReportTargetKind, content_id: str) -> Content:
    """A share or response by id, whatever its status; HiddenError when there is none."""
    item: ShareDocument | ResponseDocument | None
    if kind is ReportTargetKind.SHARE:
        item = await repos.shares.get(content_id)
    elif kind is ReportTargetKind.RESPONSE:
        item = await repos.responses.get(content_id)
    else:
        item = None
    if item is None:
        raise HiddenError(content_id)
    return Content(kind, item)


async def change_status(
    publishing: Publishing,
    content: Content,
    *,
    sources: tuple[ContentStatus, ...],
    to: ContentStatus,
    hidden_by: HiddenBy | None,
    now: datetime,
) -> Content | None:
    """Move the content on (conditionally) and apply what follows; None when it was not in `sources`."""
    repos = publishing.repos
    changed: ShareDocument | ResponseDocument | None
    if isinstance(content.item, ShareDocument):
        changed = await repos.shares.change_status(content.id, from_statuses=sources, to=to, hidden_by=hidden_by)
    else:
        changed = await repos.responses.change_status(content.id, from_statuses=sources, to=to, hidden_by=hidden_by)
    if changed is None:
        return None
    await _follow(publishing, before=content.item, after=changed, now=now)
    return Content(content.kind, changed)


async def _follow(
    publishing: Publishing,
    *,
    before: ShareDocument | ResponseDocument,
    after: ShareDocument | ResponseDocument,
    now: datetime,
) -> None:
    was, now_visible = before.status is ContentStatus.PUBLISHED, after.status is ContentStatus.PUBLISHED
    if was == now_visible:
        return
    if isinstance(after, ShareDocument):
        if now_visible:
            await share_published(publishing, after, now=now)
        else:
            await share_withdrawn(publishing, after)
    elif now_visible:
        await response_published(publishing, after, actor_id=None, now=now)
    else:
        await response_withdrawn(publishing, after)
