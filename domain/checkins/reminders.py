"""Check-in reminders: beat's tick finds the groups whose scheduled check-in is due, and one
task per group writes a reminder for each member who wants one, then moves the schedule on.

Nothing is sent twice and nothing is skipped, whatever runs twice or dies half-way:
- each reminder's dedupe key names the group, the occurrence and the member, so a
  repeated fan-out (a duplicate tick, a redelivered task) writes nothing new;
- `next_checkin_at` moves on only after the fan-out, by a conditional update from
  the occurrence it sent, so a task that dies before it leaves the group due, and
  the next tick runs the (harmless) fan-out again.
The tick reads only due groups, through the checkin_due index, in batches; each group's
fan-out is a task of its own, so a tick with thousands of due groups spreads over the workers.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from domain.groups import ANSWER_WINDOW, next_occurrence
from domain.notifications import notify_each
from infra.mongo.repositories.registry import Repositories
from infra.queue import TaskQueue
from schemas.documents.groups import GroupDocument
from schemas.documents.members import MemberDocument
from schemas.documents.notifications import NotificationKind
from schemas.pagination import Keyset
from schemas.tasks.checkins import REMIND_GROUP, RemindGroup

logger = logging.getLogger(__name__)

MAX_BATCHES_PER_TICK = 20  # bounds one tick; what is left waits for the next


async def remind_due(*, repos: Repositories, queue: TaskQueue, now: datetime, batch: int, expires: float) -> int:
    """Enqueue one reminder task per group whose check-in is due; how many were enqueued.
    A task still waiting after `expires` seconds is dropped: the next tick sends a fresh one,
    so a backlog never holds more than a tick's worth of copies.
    """
    enqueued = 0
    after: Keyset | None = None
    for _ in range(MAX_BATCHES_PER_TICK):
        due = await repos.groups.due_for_checkin(before=now, limit=batch, after=after)
        for group_id, occurrence in due:
            payload = RemindGroup(group_id=group_id, occurrence_at=occurrence)
            if not await queue.enqueue(REMIND_GROUP, payload, expires=expires):
                return enqueued  # the broker is down: the groups stay due for the next tick
            enqueued += 1
        if len(due) < batch:
            break
        after = Keyset(value=due[-1][1], id=due[-1][0])
    if enqueued:
        logger.info("check-in reminders due", extra={"groups": enqueued})
    return enqueued


async def remind_group(
    *, repos: Repositories, queue: TaskQueue, group_id: str, occurrence: datetime, now: datetime
) -> int:
    """Remind the group's members of one occurrence, then advance its schedule; how many reminders
    were written (0 when another task did it, or the occurrence is over: more than 24 hours old).
    """
    group = await repos.groups.get(group_id)
    if group is None or group.next_checkin_at != occurrence:
        return 0  # done already, or the schedule changed
    if group.archived or group.schedule is None:
        await repos.groups.advance_checkin(group.id, due=occurrence, to=None)
        return 0
    written = await _fan_out(repos, queue, group, occurrence, now=now) if now - occurrence < ANSWER_WINDOW else 0
    # From now, not from the occurrence: after an outage, missed occurrences are skipped, not replayed.
    following = next_occurrence(group.schedule, group.timezone, after=max(now, occurrence))
    await repos.groups.advance_checkin(group.id, due=occurrence, to=following)
    logger.info("check-in reminders written", extra={"group_id": group.id, "written": written})
    return written


async def _fan_out(
    repos: Repositories, queue: TaskQueue, group: GroupDocument, occurrence: datetime, *, now: datetime
) -> int:
    """One reminder per active member who wants reminders (a group holds at most 100)."""
    memberships = await repos.memberships.active_in_groups([group.id])
    members = await repos.members.get_many([m.member_id for m in memberships])
    recipients = {
        member.id: reminder_key(group.id, occurrence, member.id)
        for member in sorted(members, key=lambda m: m.id)
        if wants_reminders(member)
    }
    # Lock-screen safe: the catalogue's words, and the group's id only for the app (never its name).
    return await notify_each(
        repos=repos, queue=queue, recipients=recipients, kind=NotificationKind.CHECK_IN_REMINDER, now=now,
        params={"groupId": group.id},
    )  # fmt: skip


def wants_reminders(member: MemberDocument) -> bool:
    """Reminders switched off means none at all, not even in the inbox (a badge is a nudge too).
    A break is left to the pipeline, which keeps the reminder to the inbox.
    """
    return member.preferences.reminders


def reminder_key(group_id: str, occurrence: datetime, member_id: str) -> str:
    return f"check_in_reminder:{group_id}:{occurrence.astimezone(UTC):%Y-%m-%dT%H:%MZ}:{member_id}"
