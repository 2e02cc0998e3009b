"""Groups: creating and running them, joining and leaving, leadership, schedules, what waits for leads.

Other contexts, the API and the workers import these from here, never from the modules
(tests may reach into a module they test)."""

from __future__ import annotations

from domain.groups.access import authorized, note_leader_activity
from domain.groups.areas import NearArea, centre_of, clean_outward_code, clean_postcode, location_of
from domain.groups.attention import Attention, attention_for, expect_digest, next_digest_at
from domain.groups.errors import GroupError, GroupErrorCode
from domain.groups.invites import InviteTerms, create_invite
from domain.groups.join_requests import Decision, create_request, decide_request
from domain.groups.lead_watch import staff_alerts, watch_leads
from domain.groups.leadership import assign_lead, demote_co_lead, promote_co_lead, set_away, transfer_leadership
from domain.groups.local_services import (
    ATTACHED_MAX,
    attach_local_service,
    attached_local_services,
    detach_local_service,
    host_local_services,
)
from domain.groups.membership import admit_registered, join_group, leave_group, may_register_by_text, remove_member
from domain.groups.nearby import InvalidNearCursorError, NearbyGroup, discover_groups_near
from domain.groups.occurrences import ANSWER_WINDOW, answered_occurrence, next_occurrence
from domain.groups.policies import (
    GroupAction,
    Viewer,
    age_of,
    allowed_actions,
    is_active,
    is_away,
    is_leader,
    is_present,
    lead_facing_recipients,
)
from domain.groups.reading import (
    LeadershipEntry,
    discover_groups,
    get_group,
    my_groups,
    my_leadership,
    pending_join_requests,
)
from domain.groups.schedule import ScheduleDraft, set_quiet_policy, set_schedule
from domain.groups.service import (
    GroupChanges,
    GroupDraft,
    archive_group,
    create_group,
    lead_notification_recipients,
    update_group,
)
from domain.groups.validation import nothing_given
from domain.groups.views import GroupView

__all__ = [
    "ANSWER_WINDOW",
    "ATTACHED_MAX",
    "Attention",
    "Decision",
    "GroupAction",
    "GroupChanges",
    "GroupDraft",
    "GroupError",
    "GroupErrorCode",
    "GroupView",
    "InvalidNearCursorError",
    "InviteTerms",
    "LeadershipEntry",
    "NearArea",
    "NearbyGroup",
    "ScheduleDraft",
    "Viewer",
    "admit_registered",
    "age_of",
    "allowed_actions",
    "answered_occurrence",
    "archive_group",
    "assign_lead",
    "attach_local_service",
    "attached_local_services",
    "attention_for",
    "authorized",
    "centre_of",
    "clean_outward_code",
    "clean_postcode",
    "create_group",
    "create_invite",
    "create_request",
    "decide_request",
    "demote_co_lead",
    "detach_local_service",
    "discover_groups",
    "discover_groups_near",
    "expect_digest",
    "get_group",
    "host_local_services",
    "is_active",
    "is_away",
    "is_leader",
    "is_present",
    "join_group",
    "lead_facing_recipients",
    "lead_notification_recipients",
    "leave_group",
    "location_of",
    "may_register_by_text",
    "my_groups",
    "my_leadership",
    "next_digest_at",
    "next_occurrence",
    "note_leader_activity",
    "nothing_given",
    "pending_join_requests",
    "promote_co_lead",
    "remove_member",
    "set_away",
    "set_quiet_policy",
    "set_schedule",
    "staff_alerts",
    "transfer_leadership",
    "update_group",
    "watch_leads",
]
