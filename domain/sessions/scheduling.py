"""Making, changing and cancelling sessions (leads and co-leads), one or a series."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from domain.errors import FieldIssue
from domain.groups import GroupAction, Viewer, note_leader_activity
from domain.sessions.access import authorized_live, session_in_group
from domain.sessions.errors import SessionError, SessionErrorCode
from domain.sessions.going import fill_places, people_to_tell
from domain.sessions.notices import tell
from domain.sessions.recurrence import RecurrenceDraft, local_dates, recurrence_issues, start_on
from domain.sessions.validation import (
    DESCRIPTION_MAX,
    TITLE_MAX,
    capacity_issues,
    clean,
    issue,
    length_issue,
    link_issues,
    raise_any,
    when_issues,
)
from infra.mongo.repositories.registry import Repositories
from infra.queue import TaskQueue
from schemas.commands import KEEP
from schemas.documents.base import new_id
from schemas.documents.groups import GroupDocument
from schemas.documents.notifications import NotificationKind
from schemas.documents.sessions import SessionDocument, SessionMode, SessionUpdate

REMINDERS_BEFORE = (timedelta(hours=24), timedelta(hours=2))
REGISTER_GRACE = timedelta(hours=12)  # who stopped coming is read once the register is in
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud across a room
CODE_LENGTH = 6


@dataclass(frozen=True)
class SessionDraft:
    title: str
    mode: SessionMode
    date: str
    start_time: str
    duration_minutes: int
    description: str = ""
    venue_id: str | None = None
    joining_link: str | None = None
    capacity: int | None = None
    recurrence: RecurrenceDraft | None = None


@dataclass(frozen=True)
class SessionChanges:
    """What to change; None leaves it. A new date or time moves this occurrence only."""

    title: str | None = None
    description: str | None = None
    mode: SessionMode | None = None
    venue_id: str | None = None
    joining_link: str | None = None
    date: str | None = None
    start_time: str | None = None
    duration_minutes: int | None = None
    capacity: int | None = None
    clear_capacity: bool = False
    whole_series: bool = False  # the other fields: this occurrence and the series' later ones


def check_in_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def first_reminder(starts_at: datetime, now: datetime) -> datetime | None:
    """The next reminder still ahead: 24 hours before, else 2 hours before, else none."""
    return next((at for before in REMINDERS_BEFORE if (at := starts_at - before) > now), None)


async def _where_issues(
    repos: Repositories, group: GroupDocument, mode: SessionMode, venue_id: str | None, link: str | None
) -> list[FieldIssue]:
    found: list[FieldIssue] = []
    if mode is not SessionMode.ONLINE:
        if venue_id is None:
            message = "An in-person session needs a venue (or the group's usual one)."
            found.append(issue("venueId", SessionErrorCode.VENUE_REQUIRED, message))
        elif await repos.venues.get(group.id, venue_id) is None:
            found.append(issue("venueId", SessionErrorCode.VENUE_NOT_FOUND, "That venue is not this group's."))
    if mode is not SessionMode.IN_PERSON:
        if link is None:
            message = "An online session needs its joining link."
            found.append(issue("joiningLink", SessionErrorCode.JOINING_LINK_REQUIRED, message))
        else:
            found += link_issues(link)
    return found


def _text_issues(title: str | None, description: str | None) -> list[FieldIssue]:
    found: list[FieldIssue] = []
    if title is not None:
        found += length_issue("title", title, 1, TITLE_MAX, SessionErrorCode.TITLE_LENGTH, "The title")
    if description is not None:
        found += length_issue(
            "description", description, 0, DESCRIPTION_MAX, SessionErrorCode.DESCRIPTION_LENGTH, "The description"
        )
    return found


async def create_session(
    *, repos: Repositories, viewer: Viewer, group_id: str, draft: SessionDraft, now: datetime
) -> list[SessionDocument]:
    """One session, or a series' occurrences, in the group's local time (leads and co-leads)."""
    group, membership = await authorized_live(repos, viewer, group_id, GroupAction.RUN_SESSIONS)
    title, description = clean(draft.title), clean(draft.description)
    link = draft.joining_link.strip() if draft.joining_link else None
    venue_id = draft.venue_id or (group.default_venue_id if draft.mode is not SessionMode.ONLINE else None)
    found = _text_issues(title, description)
    timing, day, clock = when_issues(draft.date, draft.start_time, draft.duration_minutes)
    found += timing + capacity_issues(draft.capacity)
    found += await _where_issues(repos, group, draft.mode, venue_id, link)
    if day is not None and draft.recurrence is not None:
        found += recurrence_issues(draft.recurrence, day)
    raise_any(found)
    if day is None or clock is None:  # when_issues reported them
        raise ValueError("unreachable: a bad date or time was reported")
    days, rule = local_dates(draft.recurrence, day) if draft.recurrence else ([day], None)
    starts = [start_on(each, clock, group.timezone) for each in days]
    if starts[0] <= now:
        raise SessionError(SessionErrorCode.STARTS_IN_PAST, "The first session must start in the future.")
    series_id = new_id() if rule is not None else None
    duration = timedelta(minutes=draft.duration_minutes)
    sessions = [
        SessionDocument(
            id=new_id(),
            group_id=group.id,
            series_id=series_id,
            recurrence=rule,
            title=title,
            description=description,
            mode=draft.mode,
            venue_id=venue_id if draft.mode is not SessionMode.ONLINE else None,
            joining_link=link if draft.mode is not SessionMode.IN_PERSON else None,
            timezone=group.timezone,
            starts_at=start,
            ends_at=start + duration,
            capacity=draft.capacity,
            free_places=draft.capacity,
            check_in_code=check_in_code(),
            reminder_at=first_reminder(start, now),
            missed_check_at=start + duration + REGISTER_GRACE,
            created_by=viewer.id,
            created_at=now,
            updated_at=now,
        )
        for start in starts
    ]
    await repos.sessions.insert_many(sessions)
    await note_leader_activity(repos, membership, now=now)
    return sessions


def _moved_start(session: SessionDocument, changes: SessionChanges) -> tuple[list[FieldIssue], datetime | None, int]:
    """The new start and length, if the changes move or lengthen the session."""
    local = session.starts_at.astimezone(ZoneInfo(session.timezone))
    raw_date = changes.date or local.date().isoformat()
    raw_time = changes.start_time or local.strftime("%H:%M")
    minutes = changes.duration_minutes or int((session.ends_at - session.starts_at).total_seconds() // 60)
    found, day, clock = when_issues(raw_date, raw_time, minutes)
    if found or day is None or clock is None:
        return found, None, minutes
    return [], start_on(day, clock, session.timezone), minutes


async def update_session(
    *,
    repos: Repositories,
    queue: TaskQueue,
    viewer: Viewer,
    session_id: str,
    changes: SessionChanges,
    now: datetime,
) -> SessionDocument:
    """Change a session (leads and co-leads); a new time moves this occurrence and tells those going."""
    session, group, membership = await session_in_group(repos, viewer, session_id, GroupAction.RUN_SESSIONS)
    if group.archived:
        raise SessionError(
            SessionErrorCode.GROUP_ARCHIVED, "This group has been archived: it can be read, not changed."
        )
    if session.cancelled_at is not None:
        raise SessionError(SessionErrorCode.SESSION_CANCELLED, "This session was cancelled.")
    title = clean(changes.title) if changes.title is not None else None
    description = clean(changes.description) if changes.description is not None else None
    link = changes.joining_link.strip() if changes.joining_link is not None else None
    mode = changes.mode or session.mode
    venue_id = changes.venue_id or session.venue_id or group.default_venue_id
    found = _text_issues(title, description) + capacity_issues(changes.capacity)
    if changes.mode is not None or changes.venue_id is not None or link is not None:
        found += await _where_issues(repos, group, mode, venue_id, link or session.joining_link)
    timed = changes.date is not None or changes.start_time is not None or changes.duration_minutes is not None
    new_start: datetime | None = None
    minutes = 0
    if timed:
        timing, new_start, minutes = _moved_start(session, changes)
        found += timing
    nothing = not timed and all(
        value is None for value in (title, description, changes.mode, changes.venue_id, link, changes.capacity)
    )
    if nothing and not changes.clear_capacity:
        found.append(issue("input", SessionErrorCode.NOTHING_TO_UPDATE, "Change at least one thing."))
    raise_any(found)
    if new_start is not None and new_start <= now:
        raise SessionError(SessionErrorCode.STARTS_IN_PAST, "A session can only move to a time in the future.")
    targets = [session]
    if changes.whole_series and session.series_id is not None:
        targets = await repos.sessions.series_from(group.id, session.series_id, starts_from=session.starts_at)
    fields = SessionUpdate(
        title=title if title is not None else KEEP,
        description=description if description is not None else KEEP,
        mode=changes.mode or KEEP,
        venue_id=(venue_id if mode is not SessionMode.ONLINE else None) if changes.mode or changes.venue_id else KEEP,
        joining_link=(link or session.joining_link if mode is not SessionMode.IN_PERSON else None)
        if changes.mode or link
        else KEEP,
        updated_at=now,
    )
    updated: SessionDocument | None = session
    for target in targets:
        result = await repos.sessions.update_live(target.id, fields)
        if target.id == session.id:
            updated = result
        if changes.capacity is not None or changes.clear_capacity:
            await _set_capacity(repos, queue, target, changes.capacity, now=now)
    if new_start is not None and new_start != session.starts_at:
        updated = await _move(repos, queue, session, new_start, minutes, now=now)
    if updated is None:
        raise SessionError(SessionErrorCode.SESSION_CANCELLED, "This session was cancelled.")
    await note_leader_activity(repos, membership, now=now)
    fresh = await repos.sessions.get(session.id)
    return fresh or updated


async def _set_capacity(
    repos: Repositories, queue: TaskQueue, session: SessionDocument, capacity: int | None, *, now: datetime
) -> None:
    current = await repos.sessions.get(session.id)
    if current is None:
        return
    changed = await repos.sessions.set_capacity(
        session.id, old=current.capacity, new=capacity, going=current.going_count, now=now
    )
    if not changed:
        message = f"{current.going_count} people are already going: the capacity can't be lower."
        raise SessionError(SessionErrorCode.CAPACITY_BELOW_GOING, message)
    await fill_places(repos=repos, queue=queue, session=current, now=now)


async def _move(
    repos: Repositories, queue: TaskQueue, session: SessionDocument, start: datetime, minutes: int, *, now: datetime
) -> SessionDocument | None:
    moved = await repos.sessions.update_live(
        session.id,
        SessionUpdate(
            starts_at=start, ends_at=start + timedelta(minutes=minutes), reminder_at=first_reminder(start, now),
            missed_check_at=start + timedelta(minutes=minutes) + REGISTER_GRACE,
            moved_from=session.moved_from or session.starts_at, updated_at=now,
        ),
    )  # fmt: skip
    if moved is not None:
        people = await people_to_tell(repos, moved)
        await tell(repos=repos, queue=queue, session=moved, member_ids=people, kind=NotificationKind.SESSION_MOVED,
                   key=start.isoformat(), now=now)  # fmt: skip
    return moved


async def cancel_session(
    *, repos: Repositories, queue: TaskQueue, viewer: Viewer, session_id: str, whole_series: bool, now: datetime
) -> list[SessionDocument]:
    """Cancel a session, or it and the series' later ones (leads and co-leads); those going are told."""
    session, group, membership = await session_in_group(repos, viewer, session_id, GroupAction.RUN_SESSIONS)
    if group.archived:
        raise SessionError(
            SessionErrorCode.GROUP_ARCHIVED, "This group has been archived: it can be read, not changed."
        )
    if session.cancelled_at is not None:
        raise SessionError(SessionErrorCode.SESSION_CANCELLED, "This session was already cancelled.")
    targets = [session]
    if whole_series and session.series_id is not None:
        targets = await repos.sessions.series_from(group.id, session.series_id, starts_from=session.starts_at)
    cancelled: list[SessionDocument] = []
    for target in targets:
        done = await repos.sessions.cancel(target.id, now=now)
        if done is None:
            continue
        cancelled.append(done)
        if done.ends_at > now:
            people = await people_to_tell(repos, done)
            await tell(repos=repos, queue=queue, session=done, member_ids=people,
                       kind=NotificationKind.SESSION_CANCELLED, key="cancelled", now=now)  # fmt: skip
    await note_leader_activity(repos, membership, now=now)
    return cancelled
