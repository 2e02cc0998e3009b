"""Outreach: private conversations between a member and their group's leadership (its leads and
co-leads together, a shared inbox), or between a member and safeguarding staff. Never between
two members.

Other contexts, the API and the workers import these from here, never from the modules
(tests may reach into a module they test).
"""

from __future__ import annotations

from domain.outreach.catalogue import OPENERS, Opener, OpenerSituation, header, opener_text
from domain.outreach.closing import close_thread, end_member_threads, set_leads_blocked
from domain.outreach.editing import Edited, delete_message, edit_message, mark_seen
from domain.outreach.errors import OutreachError, OutreachErrorCode
from domain.outreach.messaging import Draft, Posted, ThreadServices, post
from domain.outreach.policies import Participant, leads_may_message
from domain.outreach.reading import (
    ThreadView,
    get_thread,
    group_threads,
    message_in_view,
    messages,
    my_threads,
    safeguarding_threads,
    still_theirs,
    thread_message,
)
from domain.outreach.reporting import MessageReportDraft, report_message
from domain.outreach.starting import Opening, Started, start_with_leads, start_with_member, start_with_staff
from domain.outreach.support import SupportAsked, ask_for_support
from domain.outreach.waiting import FollowThroughOutcome, follow_through

__all__ = [
    "OPENERS",
    "Draft",
    "Edited",
    "FollowThroughOutcome",
    "MessageReportDraft",
    "Opener",
    "OpenerSituation",
    "Opening",
    "OutreachError",
    "OutreachErrorCode",
    "Participant",
    "Posted",
    "Started",
    "SupportAsked",
    "ThreadServices",
    "ThreadView",
    "ask_for_support",
    "close_thread",
    "delete_message",
    "edit_message",
    "end_member_threads",
    "follow_through",
    "get_thread",
    "group_threads",
    "header",
    "leads_may_message",
    "mark_seen",
    "message_in_view",
    "messages",
    "my_threads",
    "opener_text",
    "post",
    "report_message",
    "safeguarding_threads",
    "set_leads_blocked",
    "start_with_leads",
    "start_with_member",
    "start_with_staff",
    "still_theirs",
    "thread_message",
]
