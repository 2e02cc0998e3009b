"""Notifications: the outbox and inbox, the member's preferences, delivery to phones.

Other contexts, the API and the workers import these from here, never from the modules
(tests may reach into a module they test)."""

from __future__ import annotations

from domain.notifications.catalogue import text_for
from domain.notifications.delivery import Pipeline, deliver
from domain.notifications.errors import NotificationError, NotificationErrorCode
from domain.notifications.policies import quiet_hours_end
from domain.notifications.preferences import set_preferences
from domain.notifications.reading import inbox_notification, inbox_page, mark_read, unread_count
from domain.notifications.service import Notice, notify, notify_each, notify_later
from domain.notifications.sweeper import sweep
from domain.notifications.text_delivery import Texting, budget_owner, month_of, monthly_budget, warn_if_low
from domain.notifications.texts import sms_text_for

__all__ = [
    "Notice",
    "NotificationError",
    "NotificationErrorCode",
    "Pipeline",
    "Texting",
    "budget_owner",
    "deliver",
    "inbox_notification",
    "inbox_page",
    "mark_read",
    "month_of",
    "monthly_budget",
    "notify",
    "notify_each",
    "notify_later",
    "quiet_hours_end",
    "set_preferences",
    "sms_text_for",
    "sweep",
    "text_for",
    "unread_count",
    "warn_if_low",
]
