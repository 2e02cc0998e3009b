"""When a member counts as quiet in a group, and where a quiet episode stands: pure rules, no I/O.

Activity in a group is a check-in that counts for it (shared with it, made
"with" it, or answering one of its scheduled check-ins) or a named share or
reply there. Anonymous posts and reactions are not activity: they change no
per-member state (ANON-6), or a lead could watch someone leave the quiet list
the minute an anonymous post appears and know who wrote it.

A member is quiet in a group with a schedule once the last N of its scheduled
check-ins (1 to 6, 2 unless the group says otherwise) have passed, each with
its 24-hour answer window, since their last activity; in a group without one,
D days (1 to 30, 7) after it. A member who came to at least 2 of a group's
sessions and then missed the last 2 (domain/sessions/missed.py) is quiet from
when that was noticed, whatever their other activity. A quiet episode then runs: a nudge at once, the
leads' list after 3 days (with consent), one last kind message at 14 days,
then silence. Activity ends it at once, and no new episode starts within 14
days of the last one's end.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from domain.groups import ANSWER_WINDOW, next_occurrence
from domain.members import is_on_break
from schemas.documents.groups import GroupDocument
from schemas.documents.members import MemberDocument
from schemas.documents.memberships import MembershipDocument, QuietEpisode, QuietStep

REST_AFTER_EPISODE = timedelta(days=14)
STEP_AFTER: dict[QuietStep, timedelta] = {
    QuietStep.NUDGED: timedelta(0),
    QuietStep.LISTED: timedelta(days=3),
    QuietStep.LAST_WORD: timedelta(days=14),
}
STEPS = list(STEP_AFTER)


def last_activity(membership: MembershipDocument) -> datetime:
    """Their last activity in the group; joining stands in until the first."""
    moments = (membership.joined_at, membership.last_checkin_at, membership.last_engaged_at)
    return max(moment for moment in moments if moment is not None)


def quiet_at(group: GroupDocument, since: datetime) -> datetime:
    """When a member last active at `since` counts as quiet under the group's rules."""
    policy = group.quiet_policy
    if group.schedule is None:
        return since + timedelta(days=policy.inactive_days)
    occurrence = since
    for _ in range(policy.missed_check_ins):
        occurrence = next_occurrence(group.schedule, group.timezone, after=occurrence)
    return occurrence + ANSWER_WINDOW  # the last missed one's window has closed


def episode_start(group: GroupDocument, membership: MembershipDocument) -> datetime:
    """When the next episode may start: once quiet (or once they missed the last 2 sessions), and not
    within 14 days of the last one's end.
    """
    start = quiet_at(group, last_activity(membership))
    if membership.missed_sessions_at is not None:
        start = min(start, membership.missed_sessions_at)
    if membership.quiet_ended_at is not None:
        start = max(start, membership.quiet_ended_at + REST_AFTER_EPISODE)
    return start


def new_episode(membership: MembershipDocument, *, started_at: datetime) -> QuietEpisode:
    missed = membership.missed_sessions_at is not None and membership.missed_sessions_at <= started_at
    return QuietEpisode(
        number=membership.quiet_episodes + 1, started_at=started_at, since=last_activity(membership),
        missed_sessions=missed,
    )  # fmt: skip


def step_at(episode: QuietEpisode, step: QuietStep) -> datetime:
    return episode.started_at + STEP_AFTER[step]


def due_steps(episode: QuietEpisode, now: datetime) -> list[QuietStep]:
    """The steps not yet taken whose time has come, in order."""
    taken = STEPS.index(episode.step) + 1 if episode.step is not None else 0
    return [step for step in STEPS[taken:] if step_at(episode, step) <= now]


def next_step_at(episode: QuietEpisode) -> datetime | None:
    """When the next step is due; None after the last word (silence until they return)."""
    taken = STEPS.index(episode.step) + 1 if episode.step is not None else 0
    return step_at(episode, STEPS[taken]) if taken < len(STEPS) else None


def may_nudge(member: MemberDocument, now: datetime) -> bool:
    return member.preferences.nudges and not is_on_break(member.preferences, now)


def step_key(membership_id: str, number: int, step: QuietStep) -> str:
    """The unique key of one step of one episode: a notification's dedupe_key."""
    return f"quiet:{membership_id}:{number}:{step.value}"
