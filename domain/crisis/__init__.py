"""Crisis support: the crisis screen over every member text, signposting to helplines, follow-ups.

Other contexts, the API and the workers import these from here, never from the modules
(tests may reach into a module they test)."""

from __future__ import annotations

from domain.crisis.directory import SupportDirectory, refresh_directory
from domain.crisis.errors import CrisisError, CrisisErrorCode
from domain.crisis.follow_up_answers import answer_follow_up
from domain.crisis.follow_ups import ask_due_follow_ups
from domain.crisis.local_services import LOCAL_SERVICES_SHOWN, LocalServices, refresh_local_services
from domain.crisis.policies import is_open
from domain.crisis.profiles import UNKNOWN_MEMBER, RecentProfiles, SupportProfile
from domain.crisis.screening import ScreenResult, screen
from domain.crisis.service import (
    Signposting,
    SignpostSource,
    load_reviewed_data,
    seed_support_resources,
    signpost,
    support_for,
)

__all__ = [
    "LOCAL_SERVICES_SHOWN",
    "UNKNOWN_MEMBER",
    "CrisisError",
    "CrisisErrorCode",
    "LocalServices",
    "RecentProfiles",
    "ScreenResult",
    "SignpostSource",
    "Signposting",
    "SupportDirectory",
    "SupportProfile",
    "answer_follow_up",
    "ask_due_follow_ups",
    "is_open",
    "load_reviewed_data",
    "refresh_directory",
    "refresh_local_services",
    "screen",
    "seed_support_resources",
    "signpost",
    "support_for",
]
