"""Moderation: each led group's shared queue (dismiss a report, hide or remove what it is about) and its log.

Leads and co-leads see one of their groups at a time (`?group=`, the first by default); safeguarding
staff open any group's queue by its id. Who
reported is never shown, nor who wrote anonymous words (the queue's reading rules, ANON-10).
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from starlette.responses import Response

from api.console.access import ConsoleViewer, Member, runtime_of
from api.console.actions import act
from api.console.csrf import csrf_checked
from api.console.errors import NotFoundPageError
from api.console.rendering import page
from api.console.screens.lead import GroupParam, chosen, leadership
from domain.audit import Target
from domain.errors import HiddenError, NotPermittedError
from domain.moderation import (
    ContentAction,
    dismiss_report,
    moderate_content,
    moderation_log,
    moderation_queue,
)
from domain.shares import Publishing
from schemas.documents.reports import ReportTargetKind

router = APIRouter()
SCREEN = "/console/moderation"
ITEMS_SHOWN = 50


def _back(group: str | None) -> str:
    """The screen of the group the form was on."""
    return f"{SCREEN}?{urlencode({'group': group})}" if group else SCREEN


def publishing(request: Request, viewer: ConsoleViewer) -> Publishing:
    runtime = runtime_of(request)
    return Publishing(repos=runtime.repos, broadcaster=runtime.broadcaster, key=viewer.key, support=runtime.support)


@router.get("/moderation")
async def moderation_screen(request: Request, viewer: Member, group: GroupParam = None) -> Response:
    """A led group's queue and log (the first by default); staff give any group's id."""
    repos = runtime_of(request).repos
    entries = [] if viewer.is_safeguarding and group is not None else await leadership(request, viewer)
    entry = chosen(entries, group) if entries else None
    group_id = entry.view.group.id if entry is not None else group or ""
    try:
        queue = await moderation_queue(repos=repos, reader=viewer.reader, group_id=group_id, after=None,
                                       first=ITEMS_SHOWN)  # fmt: skip
        log = await moderation_log(repos=repos, reader=viewer.reader, group_id=group_id, after=None,
                                   first=ITEMS_SHOWN)  # fmt: skip
    except (HiddenError, NotPermittedError):
        raise NotFoundPageError from None  # not theirs to moderate: as if it did not exist
    [shown] = await repos.groups.get_many([group_id])
    actors = {item.actor_member_id for item in log.items if item.actor_member_id}
    names = {m.id: m.display_name for m in await repos.members.get_many(list(actors))}
    return page(
        request, "moderation.html", viewer=viewer, title="Moderation", entries=entries, entry=entry, group=shown,
        queue=queue.items, log=log.items, names=names,
    )  # fmt: skip


@router.post("/moderation/reports/{report_id}/dismiss", dependencies=[Depends(csrf_checked)])
async def report_dismiss(
    request: Request, viewer: Member, report_id: str, reason: Annotated[str, Form(max_length=2_000)] = "",
    group: GroupParam = None,
) -> Response:  # fmt: skip
    now = runtime_of(request).clock.now()
    return await act(
        request, viewer, action="report_dismiss", target=Target("report", report_id), back=_back(group),
        call=lambda: dismiss_report(publishing=publishing(request, viewer), reader=viewer.reader,
                                    report_id=report_id, reason=reason, now=now),
    )  # fmt: skip


@router.post("/moderation/content/{kind}/{content_id}/{action}", dependencies=[Depends(csrf_checked)])
async def content_moderate(
    request: Request, viewer: Member, *, kind: ReportTargetKind, content_id: str, action: ContentAction,
    reason: Annotated[str, Form(max_length=2_000)] = "", group: GroupParam = None,
) -> Response:  # fmt: skip
    now = runtime_of(request).clock.now()
    return await act(
        request, viewer, action="content_moderate", target=Target(kind.value, content_id), back=_back(group),
        call=lambda: moderate_content(publishing=publishing(request, viewer), reader=viewer.reader, kind=kind,
                                      content_id=content_id, action=action, reason=reason, now=now),
    )  # fmt: skip
