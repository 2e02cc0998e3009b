"""Noticing: what the service notices with consent (quiet members, difficult dates, sliding moods, the leads' digest).

Other contexts, the API and the workers import these from here, never from the modules
(tests may reach into a module they test)."""

from __future__ import annotations

from domain.noticing.activity import (
    end_quiet_spells,
    next_look,
    note_attended,
    note_missed_sessions,
    note_named_post,
)
from domain.noticing.difficult_date_sends import send_due_difficult_dates
from domain.noticing.difficult_dates import (
    DifficultDateDraft,
    add_difficult_date,
    my_difficult_dates,
    remove_difficult_date,
)
from domain.noticing.digest import send_digests
from domain.noticing.errors import NoticingError, NoticingErrorCode
from domain.noticing.mood import notice_mood
from domain.noticing.quiet_scan import scan_quiet
from domain.noticing.reading import QuietMember, quiet_members
from domain.noticing.support import SupportPlace, support_place, tell_leads_support_requested

__all__ = [
    "DifficultDateDraft",
    "NoticingError",
    "NoticingErrorCode",
    "QuietMember",
    "SupportPlace",
    "add_difficult_date",
    "end_quiet_spells",
    "my_difficult_dates",
    "next_look",
    "note_attended",
    "note_missed_sessions",
    "note_named_post",
    "notice_mood",
    "quiet_members",
    "remove_difficult_date",
    "scan_quiet",
    "send_digests",
    "send_due_difficult_dates",
    "support_place",
    "tell_leads_support_requested",
]
