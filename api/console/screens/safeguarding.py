"""Safeguarding: the alerts queue (take, resolve, time waiting) and break-glass requests (a second officer approves).

For the platform's safeguarding staff, every group's; for an organisation's safeguarding officers, those
of the groups it hosts now (the domain's `alert_page` and `waiting_reveals` decide, and refuse another
organisation's alert or request like a missing one).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from starlette.responses import Response

from api.console.access import Safeguarding, runtime_of
from api.console.actions import RefusedError, act, back_to, perform
from api.console.csrf import csrf_checked
from api.console.rendering import page
from domain.audit import Target
from domain.safeguarding import (
    AlertView,
    Revealed,
    acknowledge_alert,
    alert_page,
    approve_reveal,
    resolve_alert,
    waiting_reveals,
)
from schemas.documents.author_reveals import AuthorRevealRequestDocument
from schemas.documents.safeguarding_alerts import AlertStatus

router = APIRouter()
SCREEN = "/console/safeguarding"
QUEUE_SIZE = 50


@router.get("/safeguarding")
async def safeguarding_screen(request: Request, viewer: Safeguarding) -> Response:
    """Open and taken alerts, oldest waiting first, and the break-glass requests waiting for a second officer."""
    repos = runtime_of(request).repos
    alerts = await alert_page(
        repos=repos, staff=viewer.reader, statuses=[AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED], after=None,
        first=QUEUE_SIZE,
    )  # fmt: skip
    reveals = await waiting_reveals(repos=repos, staff=viewer.reader, now=viewer.now, first=QUEUE_SIZE)
    names = {m.id: m.display_name for m in await repos.members.get_many(_staff_ids(alerts.items, reveals))}
    asked_for = {r.organisation_id for r in reveals if r.organisation_id}
    organisations = {o.id: o.name for o in await repos.organisations.get_many(sorted(asked_for))} if asked_for else {}
    queue = sorted(alerts.items, key=lambda view: view.alert.created_at)
    return page(
        request, "safeguarding.html", viewer=viewer, title="Safeguarding", alerts=queue, more=alerts.has_next,
        reveals=reveals, names=names, organisations=organisations,
    )  # fmt: skip


def _staff_ids(alerts: Sequence[AlertView], reveals: Sequence[AuthorRevealRequestDocument]) -> list[str]:
    taken = [view.alert.acknowledged_by for view in alerts if view.alert.acknowledged_by]
    return list({*taken, *(request.requested_by for request in reveals)})


@router.post("/safeguarding/alerts/{alert_id}/acknowledge", dependencies=[Depends(csrf_checked)])
async def alert_acknowledge(request: Request, viewer: Safeguarding, alert_id: str) -> Response:
    repos, now = runtime_of(request).repos, runtime_of(request).clock.now()
    return await act(
        request, viewer, action="alert_acknowledge", target=Target("safeguarding_alert", alert_id), back=SCREEN,
        call=lambda: acknowledge_alert(repos=repos, staff=viewer.reader, alert_id=alert_id, now=now),
    )  # fmt: skip


@router.post("/safeguarding/alerts/{alert_id}/resolve", dependencies=[Depends(csrf_checked)])
async def alert_resolve(
    request: Request, viewer: Safeguarding, alert_id: str, note: Annotated[str, Form(max_length=4_000)] = ""
) -> Response:
    repos, now = runtime_of(request).repos, runtime_of(request).clock.now()
    return await act(
        request, viewer, action="alert_resolve", target=Target("safeguarding_alert", alert_id), back=SCREEN,
        call=lambda: resolve_alert(repos=repos, staff=viewer.reader, alert_id=alert_id, note=note, now=now),
    )  # fmt: skip


@router.post("/safeguarding/reveals/{request_id}/approve", dependencies=[Depends(csrf_checked)])
async def reveal_approve(request: Request, viewer: Safeguarding, request_id: str) -> Response:
    """Approve another officer's request: the author is shown here, to the approver alone, once."""
    runtime = runtime_of(request)
    key, now = viewer.key, runtime.clock.now()
    try:
        revealed: Revealed = await perform(
            request, viewer, action="author_reveal_approve", target=Target("author_reveal_request", request_id),
            call=lambda: approve_reveal(repos=runtime.repos, key=key, staff=viewer.reader, request_id=request_id,
                                        now=now),
        )  # fmt: skip
    except RefusedError as refused:
        return back_to(SCREEN, refused.code)
    return page(request, "revealed.html", viewer=viewer, title="Break-glass approved", revealed=revealed)
