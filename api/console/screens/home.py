"""The console's first page: what waits for this person, by role."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from api.console.access import Member
from api.console.rendering import page

router = APIRouter()


@router.get("/")
async def home(request: Request, viewer: Member) -> Response:
    return page(request, "home.html", viewer=viewer, title="Staff console")
