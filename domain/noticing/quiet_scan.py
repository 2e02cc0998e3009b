"""The quiet scan: beat's tick that notices members who have gone quiet and runs each quiet
episode (see `domain/noticing/quiet.py` for the rules).

It reads only memberships whose `next_evaluation_at` is due, through an index,
in batches, so its cost grows with the memberships due, not with all of them:
the events that change when someone could be quiet (a check-in, a named post,
a change to the group's rules) move `next_evaluation_at` themselves.

Idempotent under duplicate ticks and crashes: a step's effect is a
notification whose `dedupe_key` is the step's unique key (membership, episode
number, step), written before the episode records the step, so a repeated or
resumed tick sends nothing twice; an episode is opened by a conditional
update that also checks the member's activity, so a tick never revives a
spell the member has just ended.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from domain.groups import expect_digest
from domain.members import is_on_break, may_tell_leads
from domain.noticing import quiet
from domain.notifications import notify
from infra.mongo.repositories.registry import Repositories
from infra.queue import TaskQueue
from schemas.documents.groups import GroupDocument
from schemas.documents.members import MemberDocument
from schemas.documents.memberships import MembershipDocument, MembershipStatus, QuietEpisode, QuietStep
from schemas.documents.notifications import NotificationKind
from schemas.pagination import Keyset

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
MAX_BATCHES = 20  # per tick; what is left waits for the next
_MESSAGE_FOR_STEP = {
    QuietStep.NUDGED: NotificationKind.QUIET_NUDGE,
    QuietStep.LAST_WORD: NotificationKind.QUIET_LAST_WORD,
}


@dataclass
class QuietOutcome:
    evaluated: int = 0
    started: int = 0  # episodes opened
    messages: int = 0  # nudges and last words written
    listed: int = 0  # members newly shown to their leads


@dataclass(frozen=True)
class _Tick:
    repos: Repositories
    queue: TaskQueue
    now: datetime
    outcome: QuietOutcome


async def scan_quiet(*, repos: Repositories, queue: TaskQueue, now: datetime) -> QuietOutcome:
    """Evaluate every membership that is due (up to a bound per tick)."""
    tick = _Tick(repos, queue, now, QuietOutcome())
    after: Keyset | None = None
    for _ in range(MAX_BATCHES):
        due = await repos.memberships.due_for_evaluation(now, limit=BATCH_SIZE, after=after)
        if due:
            await _batch(tick, due)
        if len(due) < BATCH_SIZE:
            break
        last = due[-1]
        after = Keyset(value=last.next_evaluation_at or now, id=last.id)
    if tick.outcome.started or tick.outcome.messages or tick.outcome.listed:
        logger.info(
            "quiet scan",
            extra={"started": tick.outcome.started, "messages": tick.outcome.messages, "listed": tick.outcome.listed},
        )
    return tick.outcome


async def _batch(tick: _Tick, due: Sequence[MembershipDocument]) -> None:
    """Two queries for the whole batch (groups, members), then a few writes per membership."""
    groups = {g.id: g for g in await tick.repos.groups.get_many(list({m.group_id for m in due}))}
    members = {m.id: m for m in await tick.repos.members.get_many(list({m.member_id for m in due}))}
    for membership in due:
        tick.outcome.evaluated += 1
        await _evaluate(tick, membership, groups.get(membership.group_id), members.get(membership.member_id))


async def _evaluate(
    tick: _Tick, membership: MembershipDocument, group: GroupDocument | None, member: MemberDocument | None
) -> None:
    was = membership.next_evaluation_at
    if group is None or group.archived or member is None or membership.status is not MembershipStatus.ACTIVE:
        await tick.repos.memberships.set_evaluation(membership.id, at=None, was=was)
        return
    if is_on_break(member.preferences, tick.now):  # a break pauses all of it; look again when it ends
        await tick.repos.memberships.set_evaluation(membership.id, at=member.preferences.on_break_until, was=was)
        return
    episode = membership.quiet
    if episode is None:
        start = quiet.episode_start(group, membership)
        if start > tick.now:
            await tick.repos.memberships.set_evaluation(membership.id, at=start, was=was)
            return
        episode = quiet.new_episode(membership, started_at=start)
        if not await tick.repos.memberships.start_quiet(membership, episode):
            return  # active just now, or another tick moved it on: the next look decides
        tick.outcome.started += 1
    await _take_steps(tick, membership, episode, member)


async def _take_steps(
    tick: _Tick, membership: MembershipDocument, episode: QuietEpisode, member: MemberDocument
) -> None:
    """Every step whose time has come, in order; then the episode records them and its next look."""
    steps = quiet.due_steps(episode, tick.now)
    for step in steps:
        kind = _MESSAGE_FOR_STEP.get(step)
        if kind is not None and quiet.may_nudge(member, tick.now):
            sent = await notify(
                repos=tick.repos, queue=tick.queue, member_id=member.id, kind=kind,
                dedupe_key=quiet.step_key(membership.id, episode.number, step), now=tick.now,
                params={"groupId": membership.group_id},
            )  # fmt: skip
            tick.outcome.messages += sent is not None
    taken = steps[-1] if steps else episode.step
    advanced = episode.model_copy(update={"step": taken, "listed_at": _listed_at(episode, taken, member, tick.now)})
    await tick.repos.memberships.advance_quiet(membership.id, advanced, next_at=quiet.next_step_at(advanced))
    if advanced.listed_at is not None and episode.listed_at is None:
        tick.outcome.listed += 1
        await expect_digest(repos=tick.repos, group_ids=[membership.group_id], now=tick.now)


def _listed_at(
    episode: QuietEpisode, taken: QuietStep | None, member: MemberDocument, now: datetime
) -> datetime | None:
    """Shown to leads from the listing step on, only while the member allows it: nothing is
    recorded for leads without consent.
    """
    listed = taken is not None and quiet.STEPS.index(taken) >= quiet.STEPS.index(QuietStep.LISTED)
    if not listed or not may_tell_leads(member, now):
        return None
    return episode.listed_at or quiet.step_at(episode, QuietStep.LISTED)
