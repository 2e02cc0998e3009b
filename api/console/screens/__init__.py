"""The console's screens: one module (a router) and one template each, in menu order.

To add a screen (the on-call rota, appeals, organisations, sessions and attendance once those land):
write `screens/<name>.py` with its router and `templates/<name>.html`, add it to SCREENS and its
menu entry to MENU below, and list each of its routes with the role it needs in
`tests/api/console/routes.py` (a route missing there fails the authorisation tests).
"""

from __future__ import annotations

from fastapi import APIRouter

from api.console.rendering import MENU, MenuItem
from api.console.screens import appeals, audit, groups, home, lead, moderation, on_call, reports, safeguarding, session

SCREENS: list[APIRouter] = [
    session.router,
    home.router,
    safeguarding.router,
    on_call.router,
    lead.router,
    moderation.router,
    appeals.router,
    groups.router,
    reports.router,
    audit.router,
]

MENU.extend([
    MenuItem("/console/", "Home", "member"),
    MenuItem("/console/safeguarding", "Safeguarding", "safeguarding"),
    MenuItem("/console/on-call", "On call", "member"),
    MenuItem("/console/lead", "Your groups", "member"),
    MenuItem("/console/moderation", "Moderation", "member"),
    MenuItem("/console/appeals", "Appeals", "member"),
    MenuItem("/console/groups", "Groups", "staff"),
    MenuItem("/console/reports", "Impact report", "staff"),
    MenuItem("/console/audit", "Audit", "staff"),
])  # fmt: skip
