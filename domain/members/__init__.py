"""Members: onboarding, the profile, age rules and the member's clock.

Other contexts, the API and the workers import these from here, never from the modules
(tests may reach into a module they test)."""

from __future__ import annotations

from domain.members.errors import MemberError, MemberErrorCode
from domain.members.policies import ADULT_AGE, age_on, default_preferences, is_minor, may_tell_leads, sign_in_ended
from domain.members.service import NewProfile, get_member, onboard, update_profile
from domain.members.time import is_on_break, local_date, local_time_at, member_zone, parse_clock, zone_of
from domain.members.validation import (
    clean_display_name,
    date_of_birth_issues,
    display_name_issues,
    timezone_issues,
)

__all__ = [
    "ADULT_AGE",
    "MemberError",
    "MemberErrorCode",
    "NewProfile",
    "age_on",
    "clean_display_name",
    "date_of_birth_issues",
    "default_preferences",
    "display_name_issues",
    "get_member",
    "is_minor",
    "is_on_break",
    "local_date",
    "local_time_at",
    "may_tell_leads",
    "member_zone",
    "onboard",
    "parse_clock",
    "sign_in_ended",
    "timezone_issues",
    "update_profile",
    "zone_of",
]
