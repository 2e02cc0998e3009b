"""Moderation: each led group's shared queue (dismiss a report, hide or remove what it is about) and its log.

Leads and co-leads see their groups; staff open any group's queue by its id (`?group=`). Who
reported is never shown, nor who wrote anonymous words (the queue's reading rules, ANON-10).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from starlette.responses import Response

from api.console.access import ConsoleViewer, Member, runtime_of
from api.console.actions import act
from api.console.csrf import csrf_checked
from api.console.errors import NotFoundPageError
from api.console.rendering import page
from api.console.screens.lead import leadership
from domain.audit import Target
from domain.errors import HiddenError, NotPermittedError
from domain.moderation import (
    ContentAction,
    QueueItem,
    dismiss_report,
    moderate_content,
    moderation_log,
    moderation_queue,
)
from domain.shares import Publishing
from schemas.documents.groups import GroupDocument
from schemas.documents.moderation_actions import ModerationActionDocument
from schemas.documents.reports import ReportTargetKind

router = APIRouter()
SCREEN = "/console/moderation"
ITEMS_SHOWN = 50


@dataclass(frozen=True)
class GroupModeration:
    group: GroupDocument
    queue: list[QueueItem]
    log: list[ModerationActionDocument]


def publishing(request: Request, viewer: ConsoleViewer) -> Publishing:
    runtime = runtime_of(request)
    return Publishing(repos=runtime.repos, broadcaster=runtime.broadcaster, key=viewer.key, support=runtime.support)


@router.get("/moderation")
async def moderation_screen(request: Request, viewer: Member, group: Annotated[str | None, Query()] = None) -> Response:
    repos = runtime_of(request).repos
    if group is not None:
        found = await repos.groups.get_many([group])
        groups = found
        if not found:
            raise NotFoundPageError
    else:
        groups = [entry.view.group for entry in await leadership(request, viewer)]
    shown = []
    for each in groups:
        try:
            queue = await moderation_queue(repos=repos, reader=viewer.reader, group_id=each.id, after=None,
                                           first=ITEMS_SHOWN)  # fmt: skip
            log = await moderation_log(repos=repos, reader=viewer.reader, group_id=each.id, after=None,
                                       first=ITEMS_SHOWN)  # fmt: skip
        except (HiddenError, NotPermittedError):
            raise NotFoundPageError from None  # not theirs to moderate: as if it did not exist
        shown.append(GroupModeration(each, queue.items, log.items))
    actors = {entry.actor_member_id for each in shown for entry in each.log if entry.actor_member_id}
    names = {m.id: m.display_name for m in await repos.members.get_many(list(actors))}
    return page(request, "moderation.html", viewer=viewer, title="Moderation", groups=shown, names=names)


@router.post("/moderation/reports/{report_id}/dismiss", dependencies=[Depends(csrf_checked)])
async def report_dismiss(
    request: Request, viewer: Member, report_id: str, reason: Annotated[str, Form(max_length=2_000)] = ""
) -> Response:
    now = runtime_of(request).clock.now()
    return await act(
        request, viewer, action="report_dismiss", target=Target("report", report_id), back=SCREEN,
        call=lambda: dismiss_report(publishing=publishing(request, viewer), reader=viewer.reader,
                                    report_id=report_id, reason=reason, now=now),
    )  # fmt: skip


@router.post("/moderation/content/{kind}/{content_id}/{action}", dependencies=[Depends(csrf_checked)])
async def content_moderate(
    request: Request, viewer: Member, *, kind: ReportTargetKind, content_id: str, action: ContentAction,
    reason: Annotated[str, Form(max_length=2_000)] = "",
) -> Response:  # fmt: skip
    now = runtime_of(request).clock.now()
    return await act(
        request, viewer, action="content_moderate", target=Target(kind.value, content_id), back=SCREEN,
        call=lambda: moderate_content(publishing=publishing(request, viewer), reader=viewer.reader, kind=kind,
                                      content_id=content_id, action=action, reason=reason, now=now),
    )  # fmt: skip
