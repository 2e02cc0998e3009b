"""GraphQL types of the sessions context: venues, sessions, answers and the register."""

from __future__ import annotations

from datetime import datetime
from typing import Self
from zoneinfo import ZoneInfo

import strawberry

from api.graphql.core.types import Nation
from domain.sessions import Person, SessionDetail, SessionView
from schemas.documents.attendance import MarkedBy
from schemas.documents.groups import HomeArea as StoredHomeArea
from schemas.documents.rsvps import Answer
from schemas.documents.sessions import Frequency, SessionMode
from schemas.documents.venues import Accessibility as StoredAccessibility
from schemas.documents.venues import VenueDocument

strawberry.enum(SessionMode, description="IN_PERSON at a venue, ONLINE with a joining link, or BOTH.")
strawberry.enum(Frequency, description="How often a series repeats; MONTHLY keeps the weekday and week of the month.")
strawberry.enum(
    Answer,
    name="SessionAnswer",
    description="GOING, NOT_GOING or MAYBE; WAITING is GOING for a full session, in line for a place.",
)
strawberry.enum(MarkedBy, description="LEAD: a lead took the register. SELF: the member checked in with the code.")


@strawberry.type(description="Facts about getting in and being comfortable at a venue.")
class Accessibility:
    step_free: bool = strawberry.field(description="Step-free access.")
    accessible_toilet: bool = strawberry.field(description="An accessible toilet.")
    hearing_loop: bool = strawberry.field(description="A hearing loop.")
    quiet_room: bool = strawberry.field(description="A quiet room to step out to.")
    parking: bool = strawberry.field(description="Parking.")
    public_transport: bool = strawberry.field(description="Near a bus stop or station.")
    note: str = strawberry.field(description="Anything else, in the lead's words; may be empty.")

    @classmethod
    def from_stored(cls, access: StoredAccessibility) -> Self:
        return cls(**access.model_dump())


@strawberry.input(description="Facts about a venue; each is false unless given.")
class AccessibilityInput:
    step_free: bool = strawberry.field(default=False, description="Step-free access.")
    accessible_toilet: bool = strawberry.field(default=False, description="An accessible toilet.")
    hearing_loop: bool = strawberry.field(default=False, description="A hearing loop.")
    quiet_room: bool = strawberry.field(default=False, description="A quiet room to step out to.")
    parking: bool = strawberry.field(default=False, description="Parking.")
    public_transport: bool = strawberry.field(default=False, description="Near a bus stop or station.")
    note: str = strawberry.field(default="", description="Up to 500 characters.")

    def to_stored(self) -> StoredAccessibility:
        return StoredAccessibility(
            step_free=self.step_free, accessible_toilet=self.accessible_toilet, hearing_loop=self.hearing_loop,
            quiet_room=self.quiet_room, parking=self.parking, public_transport=self.public_transport, note=self.note,
        )  # fmt: skip


@strawberry.type(description="Where a group meets in person.")
class Venue:
    id: strawberry.ID = strawberry.field(description="Opaque id of the venue.")
    name: str = strawberry.field(description="What the place is called.")
    address: str = strawberry.field(description="Its address.")
    postcode: str = strawberry.field(description="Its full postcode.")
    directions: str = strawberry.field(description="How to find the room; may be empty.")
    accessibility: Accessibility = strawberry.field(description="Access facts.")

    @classmethod
    def from_document(cls, venue: VenueDocument) -> Self:
        return cls(
            id=strawberry.ID(venue.id), name=venue.name, address=venue.address, postcode=venue.postcode,
            directions=venue.directions, accessibility=Accessibility.from_stored(venue.accessibility),
        )  # fmt: skip


@strawberry.type(description="Where a group meets, no finer than a postcode district.")
class HomeArea:
    nation: Nation = strawberry.field(description="The nation.")
    local_authority: str = strawberry.field(description="The council area, as the lead wrote it.")
    outward_code: str | None = strawberry.field(description="The postcode district, such as CF10; null if not given.")

    @classmethod
    def from_stored(cls, area: StoredHomeArea) -> Self:
        return cls(nation=area.nation, local_authority=area.local_authority, outward_code=area.outward_code)


@strawberry.type(description="The rule a series was made from.")
class SessionRecurrence:
    frequency: Frequency = strawberry.field(description="How often it repeats.")
    week_of_month: int | None = strawberry.field(description="MONTHLY: 1 to 4, or -1 for the last; else null.")
    count: int = strawberry.field(description="How many sessions the series has.")


@strawberry.type(description="One meeting of a group. Parts a viewer may not see are null.")
class Session:
    id: strawberry.ID = strawberry.field(description="Opaque id of the session.")
    group_id: strawberry.ID = strawberry.field(description="Its group.")
    series_id: strawberry.ID | None = strawberry.field(description="Its series, when it is one of several.")
    recurrence: SessionRecurrence | None = strawberry.field(description="The series' rule; null for a single one.")
    title: str = strawberry.field(description="The title the lead chose (what a calendar shows).")
    description: str = strawberry.field(description="More about it; may be empty.")
    mode: SessionMode = strawberry.field(description="In person, online or both.")
    starts_at: datetime = strawberry.field(description="When it starts (UTC).")
    ends_at: datetime = strawberry.field(description="When it ends (UTC).")
    timezone: str = strawberry.field(description="The group's IANA zone its local times are in.")
    local_date: str = strawberry.field(description="The day it starts where the group is, YYYY-MM-DD.")
    local_start_time: str = strawberry.field(description="HH:MM where the group is.")
    moved_from: datetime | None = strawberry.field(description="Its first start, if a lead moved it.")
    cancelled_at: datetime | None = strawberry.field(description="When a lead cancelled it; null if it is on.")
    capacity: int | None = strawberry.field(description="The most people going; null for no limit.")
    going_count: int = strawberry.field(description="How many are going.")
    places_left: int | None = strawberry.field(description="Free places; null for no limit.")
    venue: Venue | None = strawberry.field(
        description="Where, for in-person sessions; for a youth group, shown to its members and staff only."
    )
    joining_link: str | None = strawberry.field(
        description="Online: shown to members from 30 minutes before the start until the end (leads always)."
    )
    check_in_code: str | None = strawberry.field(
        description="Leads only: the code to show in the room for members to check themselves in."
    )
    my_answer: Answer | None = strawberry.field(description="The viewer's answer; null if none.")
    attended: bool | None = strawberry.field(description="Whether the viewer came; null for non-members.")

    @classmethod
    def from_view(cls, view: SessionView) -> Self:
        session = view.session
        local = session.starts_at.astimezone(ZoneInfo(session.timezone))
        rule = session.recurrence
        return cls(
            id=strawberry.ID(session.id), group_id=strawberry.ID(session.group_id),
            series_id=strawberry.ID(session.series_id) if session.series_id else None,
            recurrence=SessionRecurrence(frequency=rule.frequency, week_of_month=rule.week_of_month, count=rule.count)
            if rule
            else None,
            title=session.title, description=session.description, mode=session.mode, starts_at=session.starts_at,
            ends_at=session.ends_at, timezone=session.timezone, local_date=local.date().isoformat(),
            local_start_time=local.strftime("%H:%M"), moved_from=session.moved_from,
            cancelled_at=session.cancelled_at, capacity=session.capacity, going_count=session.going_count,
            places_left=session.free_places, venue=Venue.from_document(view.venue) if view.venue else None,
            joining_link=view.joining_link, check_in_code=view.check_in_code, my_answer=view.my_answer,
            attended=view.attended,
        )  # fmt: skip


@strawberry.type(description="How many answered each way.")
class SessionCounts:
    going: int = strawberry.field(description="Going.")
    maybe: int = strawberry.field(description="Maybe.")
    not_going: int = strawberry.field(description="Not going.")
    waiting: int = strawberry.field(description="In line for a place.")


@strawberry.type(description="A member on a session's lists, for its leads.")
class SessionPerson:
    member_id: strawberry.ID = strawberry.field(description="The member.")
    display_name: str = strawberry.field(description="Their display name.")
    answer: Answer | None = strawberry.field(description="Their answer, on the going list.")
    marked: MarkedBy | None = strawberry.field(description="How they were marked, on the register.")
    at: datetime | None = strawberry.field(description="When they were marked, on the register.")

    @classmethod
    def of(cls, person: Person) -> Self:
        return cls(
            member_id=strawberry.ID(person.member_id), display_name=person.display_name, answer=person.answer,
            marked=person.marked, at=person.at,
        )  # fmt: skip


@strawberry.type(description="One session with its counts; names for its leads; the register for leads and staff.")
class SessionDetails:
    session: Session = strawberry.field(description="The session, as the viewer may see it.")
    counts: SessionCounts = strawberry.field(description="Answers, counted.")
    going: list[SessionPerson] | None = strawberry.field(
        description="Leads and co-leads: going, waiting (in order) and maybe, by name; null for others."
    )
    attendance: list[SessionPerson] | None = strawberry.field(
        description="Leads, co-leads and staff: who came; null for others (a member sees `session.attended`)."
    )

    @classmethod
    def from_detail(cls, detail: SessionDetail) -> Self:
        counts = detail.counts
        return cls(
            session=Session.from_view(detail.view),
            counts=SessionCounts(going=counts[Answer.GOING], maybe=counts[Answer.MAYBE],
                                 not_going=counts[Answer.NOT_GOING], waiting=counts[Answer.WAITING]),
            going=[SessionPerson.of(p) for p in detail.going] if detail.going is not None else None,
            attendance=[SessionPerson.of(p) for p in detail.attendance] if detail.attendance is not None else None,
        )  # fmt: skip
