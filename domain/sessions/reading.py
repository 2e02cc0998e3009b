"""Reading sessions: what a viewer may see of a group's sessions, one session, and its register."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.groups import GroupAction, Viewer, authorized
from domain.sessions.access import session_in_group
from domain.sessions.policies import SessionAccess, sees_link, sees_venue
from infra.mongo.repositories.registry import Repositories
from schemas.documents.attendance import AttendanceDocument, MarkedBy
from schemas.documents.groups import GroupDocument
from schemas.documents.rsvps import Answer
from schemas.documents.sessions import SessionDocument
from schemas.documents.venues import VenueDocument

LIST_MAX = 50
VENUES_LISTED = 20
RECENT = timedelta(days=1)  # the list keeps yesterday's sessions, for a register taken the next morning


@dataclass(frozen=True)
class SessionView:
    """One session as this viewer may see it: the hidden parts are None."""

    session: SessionDocument
    group: GroupDocument
    venue: VenueDocument | None
    joining_link: str | None
    check_in_code: str | None  # leads only
    my_answer: Answer | None
    attended: bool | None  # the member's own record; None for non-members


@dataclass(frozen=True)
class Person:
    member_id: str
    display_name: str
    answer: Answer | None = None
    marked: MarkedBy | None = None
    at: datetime | None = None


@dataclass(frozen=True)
class SessionDetail:
    view: SessionView
    counts: dict[Answer, int]
    going: list[Person] | None  # leads: going and waiting, by name, in order
    attendance: list[Person] | None  # leads and staff: the register


def _view(  # noqa: PLR0917 - one row of the list, built in one place
    session: SessionDocument,
    group: GroupDocument,
    access: SessionAccess,
    venues: dict[str, VenueDocument],
    answer: Answer | None,
    attended: bool | None,
    now: datetime,
) -> SessionView:
    venue = venues.get(session.venue_id) if session.venue_id and sees_venue(access, group) else None
    return SessionView(
        session=session, group=group, venue=venue,
        joining_link=session.joining_link if sees_link(access, session, now) else None,
        check_in_code=session.check_in_code if access.leader and session.cancelled_at is None else None,
        my_answer=answer, attended=attended,
    )  # fmt: skip


async def group_sessions(
    *, repos: Repositories, viewer: Viewer, group_id: str, first: int, include_cancelled: bool, now: datetime
) -> list[SessionView]:
    """The group's coming sessions (and yesterday's), soonest first, for anyone who may see the group."""
    group, membership = await authorized(repos, viewer, group_id, GroupAction.VIEW)
    access = SessionAccess.of(viewer, membership)
    sessions = await repos.sessions.of_group(
        group.id, starting_after=now - RECENT, limit=min(first, LIST_MAX), include_cancelled=include_cancelled
    )
    ids = [session.id for session in sessions]
    venue_ids = sorted({s.venue_id for s in sessions if s.venue_id}) if sees_venue(access, group) else []
    venues = {venue.id: venue for venue in await repos.venues.get_many(venue_ids)} if venue_ids else {}
    answers: dict[str, Answer] = {}
    came: set[str] = set()
    if access.member and ids:
        answers = {rsvp.session_id: rsvp.answer for rsvp in await repos.rsvps.mine(viewer.id, ids)}
        came = {a.session_id for a in await repos.attendance.of_member(group.id, viewer.id, ids)}
    return [
        _view(s, group, access, venues, answers.get(s.id), (s.id in came) if access.member else None, now)
        for s in sessions
    ]


async def session_detail(*, repos: Repositories, viewer: Viewer, session_id: str, now: datetime) -> SessionDetail:
    """One session: counts for all who may see it; names of those going for leads; the register for leads and staff."""
    session, group, membership = await session_in_group(repos, viewer, session_id, GroupAction.VIEW)
    access = SessionAccess.of(viewer, membership)
    venue = await repos.venues.get(group.id, session.venue_id) if session.venue_id else None
    venues = {venue.id: venue} if venue else {}
    mine = await repos.rsvps.get(group.id, session.id, viewer.id) if access.member else None
    own = await repos.attendance.of_member(group.id, viewer.id, [session.id]) if access.member else []
    view = _view(session, group, access, venues, mine.answer if mine else None,
                 bool(own) if access.member else None, now)  # fmt: skip
    counts = await repos.rsvps.counts(group.id, session.id)
    going: list[Person] | None = None
    attendance: list[Person] | None = None
    if access.leader:
        held = await repos.rsvps.of_session(group.id, session.id, answers=(Answer.GOING, Answer.WAITING, Answer.MAYBE))
        names = await _names(repos, [rsvp.member_id for rsvp in held])
        going = [Person(r.member_id, names.get(r.member_id, ""), answer=r.answer) for r in held if r.member_id in names]
    if access.attendance:
        register = await repos.attendance.of_session(group.id, session.id)
        attendance = await _register(repos, register)
    return SessionDetail(view=view, counts=counts, going=going, attendance=attendance)


async def _names(repos: Repositories, member_ids: list[str]) -> dict[str, str]:
    members = await repos.members.get_many(member_ids) if member_ids else []
    return {member.id: member.display_name for member in members}


async def _register(repos: Repositories, register: list[AttendanceDocument]) -> list[Person]:
    names = await _names(repos, [entry.member_id for entry in register])
    return [
        Person(entry.member_id, names[entry.member_id], marked=entry.marked, at=entry.at)
        for entry in register
        if entry.member_id in names
    ]


async def group_venues(*, repos: Repositories, viewer: Viewer, group_id: str) -> list[VenueDocument]:
    """The group's venues, for anyone who may see the group; a youth group's only for members and staff."""
    group, membership = await authorized(repos, viewer, group_id, GroupAction.VIEW)
    if not sees_venue(SessionAccess.of(viewer, membership), group):
        return []
    return await repos.venues.of_group(group.id, limit=VENUES_LISTED)
