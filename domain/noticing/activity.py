"""The events that change when a member could be quiet: called where they happen, cheaply.

A check-in that counts for a group, or a named share or reply there, ends any
quiet episode in that group at once (no "welcome back" message) and moves the
membership's next evaluation to when the member could next be quiet: two
small writes per group, no reads. Anonymous posts and reactions never come
here (ANON-6): they must not change anything a lead can see.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from domain.noticing.quiet import quiet_at
from infra.mongo.repositories.registry import Repositories
from schemas.documents.groups import GroupDocument


async def note_activity(
    *,
    repos: Repositories,
    member_id: str,
    groups: Sequence[GroupDocument],
    at: datetime,
    named_post: bool,
    now: datetime,
) -> None:
    """The member was active in these groups at `at` (a check-in's time, or a named post's)."""
    if not groups:
        return
    await repos.memberships.end_quiet(member_id, [group.id for group in groups], now=now)
    for group in groups:
        await repos.memberships.note_activity(
            member_id, group.id, evaluate_at=quiet_at(group, at), engaged_at=at if named_post else None
        )


async def quiet_rules_changed(*, repos: Repositories, group_id: str, now: datetime) -> None:
    """A new schedule or quiet policy: every member of the group is looked at again under it."""
    await repos.memberships.evaluate_group_now(group_id, now=now)


async def quiet_consent_changed(*, repos: Repositories, member_id: str, may_tell_leads: bool, now: datetime) -> None:
    """Consent withdrawn or a break begun: leads stop seeing the member as quiet at once. Consent
    given or a break ended: the scan looks at their open episodes again.
    """
    if may_tell_leads:
        await repos.memberships.evaluate_episodes_now(member_id, now=now)
    else:
        await repos.memberships.withdraw_listings(member_id, now=now)
