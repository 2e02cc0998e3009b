"""The events that change when a member could be quiet: called where they happen, cheaply.

A check-in that counts for a group, or a named share or reply there, ends any
quiet episode in that group at once (no "welcome back" message) and moves the
membership's next evaluation forward to a day after the activity, the soonest
any group's rule could find them quiet (1 day, or one missed check-in's
24-hour window); the scan then schedules the exact moment. Two commands
whatever the number of groups, no reads. Anonymous posts and reactions never
come here (ANON-6): they must not change anything a lead can see.

Coming to a session counts too (`note_attended`, called by domain/sessions), and clears
the "stopped coming to sessions" signal.

Two more events live with the context that owns them, since those contexts sit
below this one: a group's new rules (domain/groups/schedule.py) and a member's
consent or break (domain/notifications/preferences.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from infra.mongo.repositories.registry import Repositories

SOONEST_QUIET = timedelta(days=1)


def next_look(at: datetime) -> datetime:
    """When the scan should next look at a membership active at `at`."""
    return at + SOONEST_QUIET


async def end_quiet_spells(*, repos: Repositories, member_id: str, group_ids: Sequence[str], now: datetime) -> None:
    """The member was active in these groups: their open episodes there end now (before the
    activity moves the next look, which this clears).
    """
    if group_ids:
        await repos.memberships.end_quiet(member_id, group_ids, now=now)


async def note_named_post(*, repos: Repositories, member_id: str, group_id: str, at: datetime) -> None:
    """A share or reply under the member's name: activity in the group."""
    await end_quiet_spells(repos=repos, member_id=member_id, group_ids=[group_id], now=at)
    await repos.memberships.note_activity(member_id, group_id, evaluate_at=next_look(at), engaged_at=at)


async def note_attended(*, repos: Repositories, group_id: str, member_ids: Sequence[str], at: datetime) -> None:
    """They came to one of the group's sessions: activity there, and no longer someone who stopped coming."""
    for member_id in member_ids:
        await end_quiet_spells(repos=repos, member_id=member_id, group_ids=[group_id], now=at)
        await repos.memberships.note_activity(member_id, group_id, evaluate_at=next_look(at), engaged_at=at)
    await repos.memberships.note_attended(group_id, member_ids)


async def note_missed_sessions(*, repos: Repositories, group_id: str, member_ids: Sequence[str], now: datetime) -> int:
    """They stopped coming to the group's sessions: the quiet scan looks at them now, under the
    usual rules (consent to tell leads, under-18 defaults, 14 days' rest after an episode).
    """
    return await repos.memberships.note_missed_sessions(group_id, member_ids, now=now)
