"""The console's audit: every action taken in it (who, what, when, and how it ended), for staff."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from api.console.access import Staff, runtime_of
from api.console.rendering import page
from domain.audit import audit_page

router = APIRouter()
PAGE_SIZE = 100


@router.get("/audit")
async def audit_screen(request: Request, viewer: Staff) -> Response:
    repos = runtime_of(request).repos
    entries = await audit_page(repos=repos, reader=viewer.identity, after=None, first=PAGE_SIZE)
    names = {
        m.id: m.display_name for m in await repos.members.get_many(list({e.actor_member_id for e in entries.items}))
    }
    return page(request, "audit.html", viewer=viewer, title="Audit", entries=entries.items, names=names)
