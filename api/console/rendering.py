"""Pages: Jinja2 templates (autoescaped) with what every page shows (the viewer, the menu, the CSRF token)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import Response

from api.console.access import ConsoleViewer

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")


@dataclass(frozen=True)
class MenuItem:
    """A screen in the menu, shown to whoever `shown_to` admits."""

    path: str
    label: str
    shown_to: str  # "member", "staff", "safeguarding": the role its route declares


MENU: list[MenuItem] = []  # filled by api/console/screens/__init__.py, in order


def waited(since: datetime, now: datetime) -> str:
    """'3 h 20 min', '2 d 4 h', '45 min': how long something has waited."""
    minutes = max(0, int((now - since) / timedelta(minutes=1)))
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    return f"{hours} h {mins} min" if hours else f"{mins} min"


def notice_of(code: str | None) -> str | None:
    """What the last action did, from its name or its refusal's code (only those shapes are shown)."""
    if code is None or not _NOTICE.match(code):
        return None
    return NOTICES.get(code, "Not done: " + code.replace("_", " ") + ".")


_NOTICE = re.compile(r"^[a-z][a-z_]{0,40}$")
NOTICES = {
    "alert_acknowledge": "The alert is yours.",
    "alert_resolve": "The alert is resolved.",
    "report_dismiss": "The report is dismissed.",
    "content_moderate": "Done: the moderation log has it.",
    "join_request_decide": "Your decision is sent.",
    "appeal_decide": "The appeal is decided: the member is told.",
    "signed_out": "You are signed out.",
}


def _visible(item: MenuItem, viewer: ConsoleViewer | None) -> bool:
    if viewer is None:
        return False
    return {"member": True, "staff": viewer.is_staff, "safeguarding": viewer.is_safeguarding_officer}[item.shown_to]


def page(
    request: Request, template: str, *, viewer: ConsoleViewer | None, title: str, status: int = 200, **values: Any
) -> Response:
    """Render `template` as a whole page."""
    context = {
        "viewer": viewer,
        "title": title,
        "csrf": request.state.csrf,
        "menu": [item for item in MENU if _visible(item, viewer)],
        "current": request.url.path,
        "notice": notice_of(request.query_params.get("notice")),
        "waited": waited,
        "now": viewer.now if viewer else None,
        **values,
    }
    return templates.TemplateResponse(request, template, context, status_code=status)
