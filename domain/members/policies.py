"""Age rules (under-18 status comes from the date of birth, never from the client), what the
member's own choices allow, and when a sign-in still counts for a member.
"""

from __future__ import annotations

from datetime import date, datetime

from domain.identity import Identity
from domain.members.time import is_on_break
from schemas.documents.members import MemberDocument, Preferences

MINIMUM_AGE = 16
ADULT_AGE = 18
MAXIMUM_AGE = 120


def age_on(date_of_birth: date, today: date) -> int:
    had_birthday = (today.month, today.day) >= (date_of_birth.month, date_of_birth.day)
    return today.year - date_of_birth.year - (0 if had_birthday else 1)


def is_minor(date_of_birth: date | None, today: date) -> bool:
    """Under 18, or of unknown age: both get the Children's Code defaults (AADC-7)."""
    return date_of_birth is None or age_on(date_of_birth, today) < ADULT_AGE


def default_preferences(*, minor: bool) -> Preferences:
    """High privacy by default for under-18s: no nudges, leads not told, no conversations started by
    leads (AADC-1, AADC-5); each one theirs to turn on.
    """
    if minor:
        return Preferences(nudges=False, let_leads_know_when_quiet=False, leads_may_message_me=False)
    return Preferences(leads_may_message_me=True)


def may_tell_leads(member: MemberDocument, now: datetime) -> bool:
    """Leads hear someone is quiet only with their consent, and never during a break."""
    return member.preferences.let_leads_know_when_quiet and not is_on_break(member.preferences, now)


def sign_in_ended(member: MemberDocument, identity: Identity) -> bool:
    """A sign-in made before the member's `sign_ins_valid_after` no longer counts. Sign-in times are
    whole seconds, so one in the same second counts as before: the safe side (sign in again).
    """
    valid_after = member.sign_ins_valid_after
    if valid_after is None:
        return False
    return identity.signed_in_at is None or identity.signed_in_at <= valid_after
