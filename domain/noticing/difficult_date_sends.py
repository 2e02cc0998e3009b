"""The worker's side of difficult dates: the member's check-in on the day, and their leads'
heads-up the evening before, driven by beat's tick.

Each date holds the next moment it is due (`next_check_in_at`,
`next_heads_up_at`), read through an index in batches, so a tick's cost grows
with the dates due, not with all dates. A notification's `dedupe_key` names
the date, the day (so the year) and the recipient, and the date moves on only
after its notifications are written, by a conditional update from the value
it was read with: a duplicate tick or a crash half-way sends nothing twice.
A member on a break (`onBreakUntil`) is not checked in on and their leads are
not told; the date still moves on. Nothing is sent late: a check-in after the
member's day, or a heads-up after the lead's midnight, is skipped.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from domain.groups import lead_facing_recipients
from domain.members import is_on_break, member_zone
from domain.noticing import calendar
from domain.noticing.difficult_dates import rule_of
from domain.notifications import notify
from infra.mongo.repositories.registry import Repositories
from infra.queue import TaskQueue
from schemas.documents.difficult_dates import DifficultDateDocument
from schemas.documents.members import MemberDocument
from schemas.documents.notifications import NotificationKind
from schemas.pagination import Keyset

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
MAX_BATCHES = 20  # per stream and tick; what is left waits for the next tick


@dataclass
class DifficultDatesOutcome:
    check_ins: int = 0  # notifications written to members
    heads_ups: int = 0  # notifications written to leads


@dataclass(frozen=True)
class _Tick:
    repos: Repositories
    queue: TaskQueue
    now: datetime
    outcome: DifficultDatesOutcome


Batch = Callable[[_Tick, list[DifficultDateDocument]], Awaitable[None]]


async def send_due_difficult_dates(*, repos: Repositories, queue: TaskQueue, now: datetime) -> DifficultDatesOutcome:
    """Check in on members whose day it is, and tell leads about tomorrow's: what is due, up to a bound."""
    tick = _Tick(repos, queue, now, DifficultDatesOutcome())
    await _each_due(tick, "next_check_in_at", _check_in_batch)
    await _each_due(tick, "next_heads_up_at", _heads_up_batch)
    if tick.outcome.check_ins or tick.outcome.heads_ups:
        logger.info("difficult dates", extra={"check_ins": tick.outcome.check_ins, "heads_ups": tick.outcome.heads_ups})
    return tick.outcome


async def _each_due(tick: _Tick, field: str, handle: Batch) -> None:
    after: Keyset | None = None
    for _ in range(MAX_BATCHES):
        due = await tick.repos.difficult_dates.due(field, tick.now, limit=BATCH_SIZE, after=after)
        if due:
            await handle(tick, due)
        if len(due) < BATCH_SIZE:
            return
        last = due[-1]
        after = Keyset(value=getattr(last, field), id=last.id)


# The member's check-in, 09:00 on the day in their time zone.


async def _check_in_batch(tick: _Tick, due: list[DifficultDateDocument]) -> None:
    members = await _members(tick.repos, {item.member_id for item in due})
    for item in due:
        await _check_in(tick, item, members.get(item.member_id))


async def _check_in(tick: _Tick, item: DifficultDateDocument, member: MemberDocument | None) -> None:
    move = tick.repos.difficult_dates.move_check_in
    if member is None or item.check_in_on is None:  # the member has gone: nothing more to do
        await move(item.id, was=item.next_check_in_at, on=None, at=None)
        return
    zone, day = member_zone(member), item.check_in_on
    due = calendar.check_in_at(day, zone)
    if due > tick.now:  # they moved to a zone where it is not 09:00 yet: wait for their 09:00
        await move(item.id, was=item.next_check_in_at, on=day, at=due)
        return
    if tick.now < calendar.day_ends(day, zone) and not is_on_break(member.preferences, tick.now):
        sent = await notify(
            repos=tick.repos, queue=tick.queue, member_id=member.id, kind=NotificationKind.DIFFICULT_DATE_CHECK_IN,
            dedupe_key=f"difficult_date:{item.id}:{day.isoformat()}:check_in", now=tick.now,
            params={"difficultDateId": item.id},
        )  # fmt: skip
        tick.outcome.check_ins += sent is not None
    following = calendar.next_check_in(rule_of(item), day, zone)
    await move(item.id, was=item.next_check_in_at, on=following[0] if following else None,
               at=following[1] if following else None)  # fmt: skip


# The leads' heads-up, from 18:00 the evening before in each lead's time zone.


@dataclass(frozen=True)
class _Audience:
    """Who hears about each member's dates: lead id -> one of the groups they share with the member."""

    members: dict[str, MemberDocument]
    leads_of: dict[str, dict[str, str]]
    leads: dict[str, MemberDocument]


async def _heads_up_batch(tick: _Tick, due: list[DifficultDateDocument]) -> None:
    audience = await _audience(tick, {item.member_id for item in due})
    for item in due:
        await _heads_up(tick, item, audience)


async def _audience(tick: _Tick, member_ids: set[str]) -> _Audience:
    """Five queries for the whole batch: the members, their groups, those groups' leaders, the leaders."""
    repos = tick.repos
    members = await _members(repos, member_ids)
    memberships = await repos.memberships.active_for_members(list(member_ids))
    live = {g.id for g in await repos.groups.get_many(list({m.group_id for m in memberships})) if not g.archived}
    leaders = defaultdict(list)
    for leader in await repos.memberships.leaders_of_groups(list(live)) if live else []:
        leaders[leader.group_id].append(leader)
    leads_of: dict[str, dict[str, str]] = defaultdict(dict)
    for membership in sorted((m for m in memberships if m.group_id in live), key=lambda m: m.group_id):
        others = [m for m in leaders[membership.group_id] if m.member_id != membership.member_id]
        for lead_id in lead_facing_recipients(others, tick.now):
            leads_of[membership.member_id].setdefault(lead_id, membership.group_id)
    lead_ids = {lead_id for by_lead in leads_of.values() for lead_id in by_lead}
    return _Audience(members, leads_of, await _members(repos, lead_ids))


async def _heads_up(tick: _Tick, item: DifficultDateDocument, audience: _Audience) -> None:
    member, day = audience.members.get(item.member_id), item.heads_up_on
    if member is None or day is None or not item.share_with_leads:
        await tick.repos.difficult_dates.move_heads_up(item.id, was=item.next_heads_up_at, on=None, at=None)
        return
    tellable = not is_on_break(member.preferences, tick.now)
    waiting: list[datetime] = []
    for lead_id, group_id in audience.leads_of.get(member.id, {}).items():
        lead = audience.leads.get(lead_id)
        if lead is None:
            continue
        opens, closes = calendar.heads_up_window(day, member_zone(lead))
        if tick.now < opens:
            waiting.append(opens)
        elif tick.now < closes and tellable:
            await _tell_lead(tick, item, member, lead_id, group_id)
    await _move_heads_up(tick, item, day, waiting)


async def _tell_lead(
    tick: _Tick, item: DifficultDateDocument, member: MemberDocument, lead_id: str, group: str
) -> None:
    # The push names nobody; the inbox shows the member's name (params), never the date's label.
    sent = await notify(
        repos=tick.repos, queue=tick.queue, member_id=lead_id, kind=NotificationKind.DIFFICULT_DATE_HEADS_UP,
        dedupe_key=f"difficult_date:{item.id}:{item.heads_up_on}:heads_up:{lead_id}", now=tick.now,
        params={"memberId": member.id, "groupId": group},
    )  # fmt: skip
    tick.outcome.heads_ups += sent is not None


async def _move_heads_up(tick: _Tick, item: DifficultDateDocument, day: date, waiting: list[datetime]) -> None:
    """Come back when the next lead's evening starts; with none left, on to the next occurrence."""
    following = (day, min(waiting)) if waiting else calendar.next_heads_up(rule_of(item), day)
    await tick.repos.difficult_dates.move_heads_up(
        item.id, was=item.next_heads_up_at, on=following[0] if following else None,
        at=following[1] if following else None,
    )  # fmt: skip


async def _members(repos: Repositories, ids: Sequence[str] | set[str]) -> dict[str, MemberDocument]:
    return {member.id: member for member in await repos.members.get_many(list(ids))} if ids else {}
