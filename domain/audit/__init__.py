"""Audit: what staff and leads did in the staff console, recorded per action and read by staff.

Other contexts, the API and the workers import these from here, never from the modules
(tests may reach into a module they test)."""

from __future__ import annotations

from domain.audit.service import Actor, Target, audit_page, record_action

__all__ = ["Actor", "Target", "audit_page", "record_action"]
