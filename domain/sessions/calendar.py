"""A member's calendar feed: a secret address (RFC 5545, built with `icalendar`) listing the sessions
they are going to, revocable and re-issuable.

The title is the session's, which its lead chose and which may be neutral: never the group's kind
or name, so a calendar on a shared screen says nothing a member did not choose. In-person sessions
carry their venue (the member is in the group, so may see it); online ones never carry the joining
link, which the app shows from 30 minutes before. Cancelled sessions stay in the feed, marked
CANCELLED, so calendars take them off. Times carry their zone (VTIMEZONE from the zone database).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from infra.mongo.repositories.registry import Repositories
from schemas.documents.sessions import SessionDocument, SessionMode
from schemas.documents.venues import VenueDocument

TOKEN_BYTES = 32
FEED_MAX = 200  # sessions listed: far more than anyone is going to at once
KEPT_FOR = timedelta(days=30)  # past sessions stay listed this long
PRODUCT_ID = "-//Wellbeing groups//Sessions//EN"
ZONE_MARGIN = timedelta(days=366)
ONLINE_NOTE = "Online: open the app to join, from 30 minutes before the start."


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def feed_path(token: str) -> str:
    return f"/calendar/{token}.ics"


async def issue_feed(*, repos: Repositories, member_id: str, now: datetime) -> str:
    """A new secret for the member's feed (any earlier address stops working); shown once, stored hashed."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    await repos.calendar_feeds.replace(member_id, token_hash=token_hash(token), now=now)
    return token


async def revoke_feed(*, repos: Repositories, member_id: str) -> bool:
    """The member's feed address stops working; False if there was none."""
    return await repos.calendar_feeds.delete(member_id)


async def feed_for(*, repos: Repositories, token: str, now: datetime) -> bytes | None:
    """The iCalendar document of the feed this token opens; None for an unknown or revoked token."""
    feed = await repos.calendar_feeds.by_token_hash(token_hash(token))
    if feed is None:
        return None
    going = await repos.rsvps.going_sessions_of(feed.id, limit=FEED_MAX)
    sessions = [s for s in await repos.sessions.get_many([r.session_id for r in going]) if s.ends_at > now - KEPT_FOR]
    venue_ids = sorted({s.venue_id for s in sessions if s.venue_id and s.mode is not SessionMode.ONLINE})
    venues = {v.id: v for v in await repos.venues.get_many(venue_ids)} if venue_ids else {}
    return calendar_of(sorted(sessions, key=lambda s: (s.starts_at, s.id)), venues, now=now)


def calendar_of(sessions: list[SessionDocument], venues: dict[str, VenueDocument], *, now: datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "My sessions")
    for session in sessions:
        calendar.add_component(_event(session, venues.get(session.venue_id or ""), now=now))
    if sessions:
        # Transitions only around the sessions listed: a short VTIMEZONE, which every parser we tried
        # (vobject's included, which misreads icalendar's default 1970-2038 one) reads the same.
        first = min(s.starts_at for s in sessions).date() - ZONE_MARGIN
        last = max(s.ends_at for s in sessions).date() + ZONE_MARGIN
        calendar.add_missing_timezones(first_date=first, last_date=last)
    document: bytes = calendar.to_ical()
    return document


def _event(session: SessionDocument, venue: VenueDocument | None, *, now: datetime) -> Event:
    zone = ZoneInfo(session.timezone)
    event = Event()
    event.add("uid", f"{session.id}@sessions.wellbeing-groups")
    event.add("dtstamp", now)
    event.add("dtstart", session.starts_at.astimezone(zone))
    event.add("dtend", session.ends_at.astimezone(zone))
    event.add("summary", session.title)
    event.add("status", "CANCELLED" if session.cancelled_at else "CONFIRMED")
    event.add("last-modified", session.updated_at)
    notes = [session.description] if session.description else []
    if session.mode is not SessionMode.IN_PERSON:
        notes.append(ONLINE_NOTE)
    if venue is not None:
        event.add("location", f"{venue.name}, {venue.address}, {venue.postcode}")
        if venue.directions:
            notes.append(venue.directions)
    if notes:
        event.add("description", "\n\n".join(notes))
    return event
