"""Sessions: where and when a group meets, who is going, who came, and the reminders.

Other contexts, the API and the workers import these from here, never from the modules
(tests may reach into a module they test)."""

from __future__ import annotations

from domain.sessions.attendance import check_in, mark_attendance
from domain.sessions.calendar import feed_for, feed_path, issue_feed, revoke_feed
from domain.sessions.errors import SessionError, SessionErrorCode
from domain.sessions.going import answer_session, fill_places, forget_member, withdraw_member
from domain.sessions.policies import CHECK_IN_OPENS_BEFORE, LINK_OPENS_BEFORE, SessionAccess
from domain.sessions.reading import Person, SessionDetail, SessionView, group_sessions, group_venues, session_detail
from domain.sessions.recurrence import RecurrenceDraft
from domain.sessions.scheduling import SessionChanges, SessionDraft, cancel_session, create_session, update_session
from domain.sessions.ticks import SessionsTick, sessions_tick
from domain.sessions.venues import VenueDraft, create_venue, set_home_area, update_venue

__all__ = [
    "CHECK_IN_OPENS_BEFORE",
    "LINK_OPENS_BEFORE",
    "Person",
    "RecurrenceDraft",
    "SessionAccess",
    "SessionChanges",
    "SessionDetail",
    "SessionDraft",
    "SessionError",
    "SessionErrorCode",
    "SessionView",
    "SessionsTick",
    "VenueDraft",
    "answer_session",
    "cancel_session",
    "check_in",
    "create_session",
    "create_venue",
    "feed_for",
    "feed_path",
    "fill_places",
    "forget_member",
    "group_sessions",
    "group_venues",
    "issue_feed",
    "mark_attendance",
    "revoke_feed",
    "session_detail",
    "sessions_tick",
    "set_home_area",
    "update_session",
    "update_venue",
    "withdraw_member",
]
