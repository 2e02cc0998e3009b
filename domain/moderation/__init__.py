"""Moderation: reports, the leads' queue, actions on content and members, escalation to staff.

Other contexts, the API and the workers import these from here, never from the modules
(tests may reach into a module they test)."""

from __future__ import annotations

from domain.moderation.actions import dismiss_report, moderate_content, mute_member
from domain.moderation.content import CONTENT_KINDS, Content, load_content
from domain.moderation.errors import ModerationError, ModerationErrorCode
from domain.moderation.escalation import escalate_due
from domain.moderation.notices import appeal, appeals_waiting, decide_appeal, my_notices
from domain.moderation.policies import ContentAction
from domain.moderation.reading import QueueItem, moderation_log, moderation_queue
from domain.moderation.reports import ReportDraft, create_report

__all__ = [
    "CONTENT_KINDS",
    "Content",
    "ContentAction",
    "ModerationError",
    "ModerationErrorCode",
    "QueueItem",
    "ReportDraft",
    "appeal",
    "appeals_waiting",
    "create_report",
    "decide_appeal",
    "dismiss_report",
    "escalate_due",
    "load_content",
    "moderate_content",
    "moderation_log",
    "moderation_queue",
    "mute_member",
    "my_notices",
]
