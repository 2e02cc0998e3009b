"""Organisation and platform staff: groups with no active lead (the staff alerts the lead watch raises)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from api.console.access import Staff, runtime_of
from api.console.rendering import page
from domain.groups import staff_alerts
from schemas.documents.staff_alerts import StaffAlertStatus

router = APIRouter()
PAGE_SIZE = 100


@router.get("/groups")
async def groups_screen(request: Request, viewer: Staff) -> Response:
    repos = runtime_of(request).repos
    alerts = await staff_alerts(repos=repos, status=StaffAlertStatus.OPEN, first=PAGE_SIZE, after=None)
    groups = {g.id: g for g in await repos.groups.get_many(list({a.group_id for a in alerts.items}))}
    return page(
        request, "groups.html", viewer=viewer, title="Groups needing a lead", alerts=alerts.items, groups=groups,
        more=alerts.has_next,
    )  # fmt: skip
