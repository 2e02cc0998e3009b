"""Safeguarding: staff's alerts across groups, and break-glass.

Other contexts, the API and the workers import these from here, never from the modules
(tests may reach into a module they test)."""

from __future__ import annotations

from domain.safeguarding.alerts import AlertView, acknowledge_alert, alert_page, alert_views, resolve_alert
from domain.safeguarding.errors import SafeguardingError, SafeguardingErrorCode
from domain.safeguarding.outreach import Basis, reach_member
from domain.safeguarding.reveal import Revealed, approve_reveal, request_reveal, waiting_reveals

__all__ = [
    "AlertView",
    "Basis",
    "Revealed",
    "SafeguardingError",
    "SafeguardingErrorCode",
    "acknowledge_alert",
    "alert_page",
    "alert_views",
    "approve_reveal",
    "reach_member",
    "request_reveal",
    "resolve_alert",
    "waiting_reveals",
]
